package dev.grok2api.core.config;

/**
 * Where components read the configuration from. Each call returns the snapshot in force now; components read it per
 * request (or per call) so changes apply without a restart. Implementations are thread-safe and cheap.
 */
@FunctionalInterface
public interface SettingsSource {
    /** The snapshot in force now, never null. */
    Settings current();

    /** A source that always returns {@code settings} (for tests and embedding). */
    static SettingsSource fixed(Settings settings) {
        return () -> settings;
    }
}
