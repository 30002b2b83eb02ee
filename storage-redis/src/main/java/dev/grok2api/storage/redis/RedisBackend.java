package dev.grok2api.storage.redis;

import dev.grok2api.core.error.ServiceUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Lettuce connection shared by every store (Lettuce connections are thread-safe and pipeline concurrent
 * commands), the key prefix, and Lua scripts run by digest. Every call goes through {@link #call}, which turns
 * Lettuce failures into {@link ServiceUnavailableException}s naming the masked URI.
 */
final class RedisBackend implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final String maskedUri;
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    RedisBackend(RedisStorageConfig config) {
        this.prefix = config.keyPrefix();
        this.maskedUri = config.maskedUri();
        this.client = RedisClient.create(config.redisUri());
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw unavailable(
                    "cannot connect to Redis at " + maskedUri + ": " + e.getMessage()
                            + "; check that it is running and that the URL and password are right",
                    e);
        }
    }

    /** The full key for a name: the configured prefix plus the name. */
    String key(String name) {
        return prefix + name;
    }

    String prefix() {
        return prefix;
    }

    RedisClient client() {
        return client;
    }

    <T> T call(Function<RedisCommands<String, String>, T> work) {
        try {
            return work.apply(connection.sync());
        } catch (RedisException e) {
            throw unavailable(
                    "Redis at " + maskedUri + " failed: " + e.getMessage() + "; check that it is running and reachable",
                    e);
        }
    }

    /** Runs a Lua script by digest, loading it on first use or after a server restart flushed the script cache. */
    <T> T script(String source, ScriptOutputType type, List<String> keys, List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return call(redis -> {
            String digest = digests.computeIfAbsent(source, redis::digest);
            try {
                return redis.evalsha(digest, type, keyArray, argArray);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, type, keyArray, argArray);
            }
        });
    }

    static ServiceUnavailableException unavailable(String message, Throwable cause) {
        return new ServiceUnavailableException("storage_unavailable", message, cause);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
