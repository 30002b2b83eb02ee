package dev.grok2api.testkit.fake;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.storage.TokenTransitions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SessionStore} in memory, faithful to the port's contract (it passes {@code SessionStoreContract}). Keeps
 * millisecond precision like the real stores. Thread-safe.
 */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, AdminSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void create(AdminSession session) {
        sessions.put(
                session.tokenHash(),
                new AdminSession(
                        session.tokenHash(),
                        session.username(),
                        TokenTransitions.millis(session.createdAt()),
                        TokenTransitions.millis(session.expiresAt())));
    }

    @Override
    public Optional<AdminSession> find(String tokenHash, Instant now) {
        return Optional.ofNullable(sessions.get(tokenHash)).filter(s -> s.validAt(now));
    }

    @Override
    public boolean delete(String tokenHash) {
        return sessions.remove(tokenHash) != null;
    }

    @Override
    public synchronized int deleteAll() {
        int count = sessions.size();
        sessions.clear();
        return count;
    }

    @Override
    public int purgeExpired(Instant now) {
        int[] removed = {0};
        sessions.values().removeIf(s -> {
            boolean expired = !s.validAt(now);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }
}
