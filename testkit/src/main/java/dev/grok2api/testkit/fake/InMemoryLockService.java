package dev.grok2api.testkit.fake;

import dev.grok2api.core.lock.LockLease;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.storage.StoreArguments;
import dev.grok2api.core.storage.TokenTransitions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link LockService} in memory, faithful to the port's contract (it passes {@code LockServiceContract}); locks
 * are shared only by users of this instance. Thread-safe: every operation holds the service's monitor.
 */
public final class InMemoryLockService implements LockService {
    private final Map<String, LockLease> leases = new HashMap<>();

    @Override
    public synchronized Optional<LockLease> tryAcquire(String name, String owner, Duration ttl, Instant now) {
        StoreArguments.requireLock(name, owner, ttl);
        LockLease held = leases.get(name);
        if (held != null && !held.owner().equals(owner) && held.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        LockLease lease = new LockLease(name, owner, TokenTransitions.millis(now.plus(ttl)));
        leases.put(name, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized boolean release(String name, String owner) {
        LockLease held = leases.get(name);
        if (held == null || !held.owner().equals(owner)) {
            return false;
        }
        leases.remove(name);
        return true;
    }
}
