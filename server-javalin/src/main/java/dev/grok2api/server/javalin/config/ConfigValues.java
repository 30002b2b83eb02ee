package dev.grok2api.server.javalin.config;

import dev.grok2api.core.config.ConfigSchema;

/** Coerces configuration values from files and environment variables to the type of their default. */
public final class ConfigValues {
    private ConfigValues() {}

    /**
     * @param key the {@code section.key}
     * @param value the value read (a string from the environment, a typed value from TOML)
     * @param defaultValue the default, whose type wins
     * @param source where the value came from, for the error message
     * @throws ConfigException when the value cannot be read as the default's type
     */
    public static Object coerce(String key, Object value, Object defaultValue, String source) {
        try {
            return ConfigSchema.coerceType(key, value, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (from " + source + ")");
        }
    }
}
