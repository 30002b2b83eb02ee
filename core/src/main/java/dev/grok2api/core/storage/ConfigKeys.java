package dev.grok2api.core.storage;

/** Validation of stored configuration keys, shared by every {@link dev.grok2api.core.port.ConfigStore}. */
public final class ConfigKeys {
    /** Longest key a store accepts; SQL stores size their key column for it. */
    public static final int MAX_LENGTH = 128;

    private ConfigKeys() {}

    /**
     * Returns the key when it has the {@code section.key} shape and at most {@link #MAX_LENGTH} characters.
     *
     * @throws IllegalArgumentException otherwise, naming the key
     */
    public static String requireValid(String key) {
        if (key == null || key.indexOf('.') <= 0 || key.endsWith(".") || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("config keys must look like section.key and have at most " + MAX_LENGTH
                    + " characters, got " + key);
        }
        return key;
    }
}
