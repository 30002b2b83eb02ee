package dev.grok2api.storage.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link RedisStorage} connects.
 *
 * @param uri a {@code redis://} or {@code rediss://} URI, optionally with password and database ({@code
 *     redis://:secret@host:6379/0}); never printed in clear
 * @param keyPrefix prefix of every key written, e.g. {@code grok2api:}; lets several deployments share one Redis
 * @param timeout command and connect timeout
 */
public record RedisStorageConfig(String uri, String keyPrefix, Duration timeout) {
    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "grok2api:";

    public RedisStorageConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(timeout, "timeout");
        String lower = uri.trim().toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
            throw new IllegalArgumentException("Redis URL " + maskUri(uri) + " must start with redis:// or rediss://");
        }
    }

    /** This URI with the default prefix and a 10 s timeout. */
    public static RedisStorageConfig of(String uri) {
        return new RedisStorageConfig(uri.trim(), DEFAULT_PREFIX, Duration.ofSeconds(10));
    }

    /** A copy with another key prefix. */
    public RedisStorageConfig withKeyPrefix(String prefix) {
        return new RedisStorageConfig(uri, prefix, timeout);
    }

    /** A copy with another timeout. */
    public RedisStorageConfig withTimeout(Duration newTimeout) {
        return new RedisStorageConfig(uri, keyPrefix, newTimeout);
    }

    RedisURI redisUri() {
        RedisURI parsed = RedisURI.create(uri);
        parsed.setTimeout(timeout);
        return parsed;
    }

    /** The URI with its password masked, for logs and errors. */
    public String maskedUri() {
        return maskUri(uri);
    }

    static String maskUri(String uri) {
        return uri == null ? "null" : uri.replaceAll("(//[^/@]*:)[^@/]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "RedisStorageConfig[" + maskedUri() + ", prefix=" + keyPrefix + "]";
    }
}
