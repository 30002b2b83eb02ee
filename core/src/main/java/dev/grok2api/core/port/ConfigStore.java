package dev.grok2api.core.port;

import java.util.Map;

/**
 * The stored configuration layer: values an operator changed (through the admin API or an imported {@code
 * config.toml}), as {@code section.key} → value, where a value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} or {@link java.util.List} of those. Defaults and environment overrides are not stored here.
 *
 * <p>Shared by every instance on the same store; {@link #version()} lets instances notice another instance's change
 * cheaply. Thread-safe. Storage failures surface as {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface ConfigStore {

    /** Every stored value; empty when nothing was ever stored. */
    Map<String, Object> load();

    /**
     * Stores these values, replacing the same keys and keeping all others, atomically, and increments the version.
     *
     * @return the new version
     */
    long merge(Map<String, Object> values);

    /** A number that increases with every {@link #merge}; 0 when nothing was ever stored. */
    long version();
}
