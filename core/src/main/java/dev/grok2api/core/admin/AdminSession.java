package dev.grok2api.core.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in admin session. The store keeps only a hash of the bearer token, so a leaked database does not leak
 * usable sessions.
 *
 * @param tokenHash hex SHA-256 of the bearer token; the identity of the session
 * @param username the admin who signed in
 * @param createdAt when the session was created
 * @param expiresAt when it stops being accepted
 */
public record AdminSession(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
    public AdminSession {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the session is still valid at {@code now}. */
    public boolean validAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
