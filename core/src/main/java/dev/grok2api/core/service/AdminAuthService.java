package dev.grok2api.core.service;

import dev.grok2api.core.admin.AdminCredentials;
import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.config.AppSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.port.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Admin sign-in with server-side sessions (DESIGN.md decision 6): a login checks the configured admin credentials in
 * constant time and returns a random bearer token; admin routes accept only live sessions, never client API keys.
 * Only a hash of each session token is stored. Thread-safe.
 */
public final class AdminAuthService {
    /** How long a session lasts. */
    public static final Duration SESSION_TTL = Duration.ofHours(8);

    private final SessionStore sessions;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final RandomGenerator random;

    public AdminAuthService(
            SessionStore sessions, SettingsSource settings, InstantSource clock, RandomGenerator random) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Signs in.
     *
     * @return the new session's bearer token (43 URL-safe characters)
     * @throws InvalidRequestException when a field is missing
     * @throws AuthenticationException when the credentials are wrong
     */
    public String login(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new InvalidRequestException("missing_credentials", null, "Missing username or password");
        }
        AppSettings app = settings.current().app();
        boolean userOk = AdminCredentials.constantTimeEquals(username.trim(), app.adminUsername());
        boolean passwordOk = AdminCredentials.constantTimeEquals(password, app.adminPassword());
        if (!(userOk & passwordOk)) {
            throw new AuthenticationException("invalid_credentials", "Invalid username or password");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        sessions.create(
                new AdminSession(AdminCredentials.sha256Hex(token), app.adminUsername(), now, now.plus(SESSION_TTL)));
        return token;
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
        return sessions.find(AdminCredentials.sha256Hex(bearer.trim()), clock.instant())
                .orElseThrow(() -> new AuthenticationException(
                        "session_expired", "The admin session is unknown or expired: sign in again at /login."));
    }

    /**
     * Ends the session of this bearer token.
     *
     * @return whether it existed
     */
    public boolean logout(String bearer) {
        return bearer != null && sessions.delete(AdminCredentials.sha256Hex(bearer.trim()));
    }
}
