package dev.grok2api.server.javalin.config;

/** A configuration or environment problem found at start-up; the message names the key, the source and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
