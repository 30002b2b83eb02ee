package dev.grok2api.core.admin;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.port.ConfigStore;
import java.util.Map;
import java.util.Objects;

/**
 * Where the admin password is checked against, in order: an environment override of {@code app.app_key} (the
 * operator's recovery path, read-only here), else the salted hash stored by a password change (shared by every
 * instance through the {@link ConfigStore}), else {@code app.app_key} from the configuration (the first-start
 * default). Thread-safe.
 */
public final class AdminPasswords {
    /** The store key of the salted hash; outside every config section, so the config API never shows it. */
    public static final String HASH_KEY = "admin.password_hash";

    /** The reference's default password, which the server warns about. */
    public static final String DEFAULT_PASSWORD = "admin";

    /** Shortest new password accepted. */
    public static final int MIN_LENGTH = 8;

    private final ConfigStore store;
    private final SettingsSource settings;
    private final String overrideSource;
    private final PasswordHasher hasher;

    /**
     * @param store where the hash of a changed password is kept
     * @param settings the configuration ({@code app.app_key})
     * @param overrideSource the environment variable that overrides {@code app.app_key}, or null when none does
     * @param hasher hashes new passwords and checks stored ones
     */
    public AdminPasswords(ConfigStore store, SettingsSource settings, String overrideSource, PasswordHasher hasher) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.overrideSource = overrideSource;
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** Whether the password is the admin password; constant time for the configured one. */
    public boolean matches(String password) {
        String hash = overrideSource == null ? storedHash() : null;
        if (hash != null) {
            return hasher.matches(password, hash);
        }
        return AdminCredentials.constantTimeEquals(
                password, settings.current().app().adminPassword());
    }

    /**
     * Stores a new password as a salted hash.
     *
     * @throws IllegalStateException when the password is set by the environment (message says which variable)
     * @throws IllegalArgumentException when the new password is too short (message says the minimum)
     */
    public void change(String newPassword) {
        if (overrideSource != null) {
            throw new IllegalStateException("The admin password is set by " + overrideSource
                    + "; change or unset that variable and restart to change it.");
        }
        if (newPassword == null || newPassword.length() < MIN_LENGTH || newPassword.isBlank()) {
            throw new IllegalArgumentException("The new password must have at least " + MIN_LENGTH + " characters.");
        }
        store.merge(Map.of(HASH_KEY, hasher.hash(newPassword)));
    }

    /** Whether sign-in still uses the reference's default password. */
    public boolean isDefault() {
        return (overrideSource != null || storedHash() == null)
                && settings.current().app().adminPassword().equals(DEFAULT_PASSWORD);
    }

    /** Where the password in force comes from, for the start-up log (never the password itself). */
    public String source() {
        if (overrideSource != null) {
            return "the environment variable " + overrideSource;
        }
        return storedHash() != null ? "the password changed in the admin panel" : "app.app_key";
    }

    private String storedHash() {
        return store.load().get(HASH_KEY) instanceof String hash && !hash.isEmpty() ? hash : null;
    }
}
