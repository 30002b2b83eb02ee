package dev.grok2api.testkit.fake;

import dev.grok2api.core.storage.TokenQueries;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.storage.TransitionTokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link dev.grok2api.core.port.TokenStore} in memory, faithful to the port's contract (it passes {@code TokenStoreContract}), for tests
 * and embedding. Keeps millisecond precision like the real stores. Thread-safe: every operation holds the store's
 * monitor.
 */
public final class InMemoryTokenStore extends TransitionTokenStore {
    private final Map<String, GrokToken> tokens = new LinkedHashMap<>();
    /** Per account, the position of its last update. */
    private final Map<String, Long> updatedAt = new HashMap<>();

    private long changes;
    /** The position of the last delete. */
    private long structureChangedAt;

    @Override
    public synchronized List<String> insertIfAbsent(Collection<GrokToken> candidates) {
        List<String> inserted = new ArrayList<>();
        for (GrokToken candidate : candidates) {
            if (!tokens.containsKey(candidate.token())) {
                tokens.put(candidate.token(), TokenTransitions.truncatedToMillis(candidate));
                inserted.add(candidate.token());
            }
        }
        if (!inserted.isEmpty()) {
            long position = ++changes;
            inserted.forEach(token -> updatedAt.put(token, position));
        }
        return inserted;
    }

    @Override
    public synchronized Optional<GrokToken> find(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public synchronized List<GrokToken> listAll() {
        return List.copyOf(tokens.values());
    }

    @Override
    public synchronized TokenPage list(TokenQuery query) {
        return TokenQueries.page(tokens.values(), query);
    }

    @Override
    public synchronized TokenCounts counts(Instant now) {
        return TokenQueries.counts(tokens.values(), now);
    }

    @Override
    protected synchronized Optional<GrokToken> update(String token, UnaryOperator<GrokToken> transition) {
        GrokToken current = tokens.get(token);
        if (current == null) {
            return Optional.empty();
        }
        GrokToken updated = transition.apply(current);
        if (updated.equals(current)) {
            return Optional.of(current);
        }
        tokens.put(token, updated);
        updatedAt.put(token, ++changes);
        return Optional.of(updated);
    }

    @Override
    public synchronized int delete(Collection<String> names) {
        int deleted = 0;
        for (String name : List.copyOf(new java.util.LinkedHashSet<>(names))) {
            if (tokens.remove(name) != null) {
                updatedAt.remove(name);
                deleted++;
            }
        }
        if (deleted > 0) {
            structureChangedAt = ++changes;
        }
        return deleted;
    }

    @Override
    public synchronized int deleteByStatus(TokenStatus status) {
        int before = tokens.size();
        tokens.values().removeIf(t -> t.status() == status);
        updatedAt.keySet().retainAll(tokens.keySet());
        int deleted = before - tokens.size();
        if (deleted > 0) {
            structureChangedAt = ++changes;
        }
        return deleted;
    }

    @Override
    public synchronized long changeMarker() {
        return changes;
    }

    @Override
    public synchronized TokenChanges changesSince(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (structureChangedAt > position) {
            return TokenChanges.incomplete(changes);
        }
        List<GrokToken> changed = new ArrayList<>();
        for (Map.Entry<String, Long> entry : updatedAt.entrySet()) {
            if (entry.getValue() > position) {
                if (changed.size() == limit) {
                    return TokenChanges.incomplete(changes);
                }
                changed.add(tokens.get(entry.getKey()));
            }
        }
        return new TokenChanges(changes, changed, true);
    }
}
