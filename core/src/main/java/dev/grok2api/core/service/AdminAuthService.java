package dev.grok2api.core.service;

import dev.grok2api.core.admin.AdminCredentials;
import dev.grok2api.core.admin.AdminPasswords;
import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.admin.LoginThrottle;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.port.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Admin sign-in with server-side sessions (DESIGN.md decision 6): a login checks the admin credentials (see {@link
 * AdminPasswords}) and returns a random bearer token; admin routes accept only live sessions, never client API keys.
 * Only a hash of each session token is stored, so sessions are shared by every instance on the same store. Failed
 * sign-ins are throttled per client address ({@code app.login_max_failures} within {@code
 * app.login_lockout_seconds}); sessions last {@code app.session_ttl_hours}. Thread-safe.
 */
public final class AdminAuthService {
    private final SessionStore sessions;
    private final AdminPasswords passwords;
    private final LoginThrottle throttle;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final RandomGenerator random;

    public AdminAuthService(
            SessionStore sessions,
            AdminPasswords passwords,
            LoginThrottle throttle,
            SettingsSource settings,
            InstantSource clock,
            RandomGenerator random) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Signs in.
     *
     * @param client the client's address, for throttling
     * @return the new session's bearer token (43 URL-safe characters)
     * @throws InvalidRequestException when a field is missing
     * @throws RateLimitException {@code login_throttled} when the address failed too often recently
     * @throws AuthenticationException when the credentials are wrong
     */
    public String login(String username, String password, String client) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new InvalidRequestException("missing_credentials", null, "Missing username or password");
        }
        Settings current = settings.current();
        checkThrottle(client, current);
        boolean userOk = AdminCredentials.constantTimeEquals(
                username.trim(), current.app().adminUsername());
        boolean passwordOk = passwords.matches(password);
        if (!(userOk & passwordOk)) {
            throttle.failed(client, lockout(current));
            throw new AuthenticationException("invalid_credentials", "Invalid username or password");
        }
        throttle.succeeded(client);
        return newSession(current);
    }

    /**
     * Checks a bearer token.
     *
     * @param bearer the token from {@code Authorization: Bearer …}, or null
     * @return the live session
     * @throws AuthenticationException when the token is missing, unknown or expired
     */
    public AdminSession authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            throw new AuthenticationException(
                    "missing_session", "Admin session required: sign in at /login (POST /api/v1/admin/login).");
        }
        return find(bearer)
                .orElseThrow(() -> new AuthenticationException(
                        "session_expired", "The admin session is unknown or expired: sign in again at /login."));
    }

    /** Whether the bearer token is a live admin session (to explain why it is refused where a client key is due). */
    public boolean isSession(String bearer) {
        return bearer != null && !bearer.isBlank() && find(bearer).isPresent();
    }

    /**
     * Ends the session of this bearer token.
     *
     * @return whether it existed
     */
    public boolean logout(String bearer) {
        return bearer != null && sessions.delete(AdminCredentials.sha256Hex(bearer.trim()));
    }

    /**
     * Ends every admin session on every instance.
     *
     * @return how many were ended
     */
    public int revokeAll() {
        return sessions.deleteAll();
    }

    /**
     * Changes the admin password, ends every session (on every instance) and opens a new one for the caller.
     *
     * @param client the caller's address, for throttling guesses of the current password
     * @return the caller's new session token
     * @throws InvalidRequestException when the current password is wrong, the new one too short, or the password is
     *     set by the environment
     * @throws RateLimitException {@code login_throttled} after too many wrong current passwords
     */
    public String changePassword(String currentPassword, String newPassword, String client) {
        Settings current = settings.current();
        checkThrottle(client, current);
        if (currentPassword == null || !passwords.matches(currentPassword)) {
            throttle.failed(client, lockout(current));
            throw new InvalidRequestException("wrong_password", "current_password", "The current password is wrong.");
        }
        try {
            passwords.change(newPassword);
        } catch (IllegalStateException e) {
            throw new InvalidRequestException("password_from_environment", "new_password", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("password_too_short", "new_password", e.getMessage());
        }
        sessions.deleteAll();
        return newSession(current);
    }

    private void checkThrottle(String client, Settings current) {
        int maxFailures = current.intValue("app.login_max_failures");
        Optional<Duration> wait = throttle.blockedFor(client, maxFailures, lockout(current));
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            throw new RateLimitException(
                    "login_throttled",
                    "Too many failed sign-ins from this address (" + maxFailures + "): wait " + seconds
                            + " s before trying again.",
                    wait.get());
        }
    }

    private static Duration lockout(Settings current) {
        return Duration.ofSeconds(current.longValue("app.login_lockout_seconds"));
    }

    private Optional<AdminSession> find(String bearer) {
        return sessions.find(AdminCredentials.sha256Hex(bearer.trim()), clock.instant());
    }

    private String newSession(Settings current) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Duration ttl = Duration.ofHours(current.longValue("app.session_ttl_hours"));
        sessions.create(new AdminSession(
                AdminCredentials.sha256Hex(token), current.app().adminUsername(), now, now.plus(ttl)));
        return token;
    }
}
