package dev.grok2api.core.port;

import dev.grok2api.core.admin.AdminSession;
import java.time.Instant;
import java.util.Optional;

/**
 * Admin sessions, shared by every gateway instance on the same store. Thread-safe. Storage failures surface as
 * {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface SessionStore {

    /** Stores a new session; an existing session with the same hash is replaced. */
    void create(AdminSession session);

    /**
     * The session with this token hash if it is still valid at {@code now}; expired sessions are never returned.
     */
    Optional<AdminSession> find(String tokenHash, Instant now);

    /**
     * Ends one session (logout).
     *
     * @return whether it existed
     */
    boolean delete(String tokenHash);

    /**
     * Ends every session (revoke all, password change).
     *
     * @return how many were ended
     */
    int deleteAll();

    /**
     * Removes sessions expired at {@code now}.
     *
     * @return how many were removed
     */
    int purgeExpired(Instant now);
}
