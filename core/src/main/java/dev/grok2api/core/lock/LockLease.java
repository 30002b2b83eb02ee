package dev.grok2api.core.lock;

import java.time.Instant;
import java.util.Objects;

/**
 * A held lock.
 *
 * @param name the lock's name, e.g. {@code token_refresh}
 * @param owner who holds it (an id unique per instance and job)
 * @param expiresAt when the lease lapses unless renewed
 */
public record LockLease(String name, String owner, Instant expiresAt) {
    public LockLease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
