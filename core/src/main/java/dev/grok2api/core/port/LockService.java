package dev.grok2api.core.port;

import dev.grok2api.core.lock.LockLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Named locks shared by every instance on the same store, for work only one instance should do at a time (the token
 * refresh scheduler, imports). A lease lapses at its expiry, so a crashed holder never blocks the others for longer
 * than its TTL. Expiry is judged against the {@code now} callers pass, so all instances must use comparable clocks.
 * Thread-safe. Storage failures surface as {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface LockService {

    /**
     * Takes the lock when it is free or its lease has lapsed at {@code now}; when {@code owner} already holds it, the
     * lease is renewed. Never waits.
     *
     * @param name the lock's name, 1..128 characters
     * @param owner who takes it, 1..128 characters
     * @param ttl how long the lease lasts, positive
     * @param now the current instant
     * @return the lease, or empty when another owner holds an unexpired lease
     */
    Optional<LockLease> tryAcquire(String name, String owner, Duration ttl, Instant now);

    /**
     * Releases the lock if {@code owner} holds it (expired or not).
     *
     * @return whether it was released; false when another owner holds it or nobody does
     */
    boolean release(String name, String owner);
}
