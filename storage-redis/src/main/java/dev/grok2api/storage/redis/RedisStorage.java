package dev.grok2api.storage.redis;

import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.storage.StoreSet;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.LongConsumer;

/**
 * Every store port over one Redis server, with all keys under a configurable prefix.
 *
 * <pre>{@code
 * try (RedisStorage storage = RedisStorage.open(RedisStorageConfig.of("redis://127.0.0.1:6379/0"))) {
 *     TokenStore tokens = storage.stores().tokens();
 *     storage.onConfigChange(version -> reloadSettings());
 * }
 * }</pre>
 *
 * <p>Atomic updates run as Lua scripts (or compare-and-set scripts with retry), so several gateway instances on the
 * same Redis behave as one. The stores are thread-safe and share one connection; close the storage once, at
 * shutdown.
 */
public final class RedisStorage implements AutoCloseable {
    private final RedisBackend redis;
    private final StoreSet stores;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    private RedisStorage(RedisBackend redis) {
        this.redis = redis;
        this.stores = new StoreSet(
                new RedisTokenStore(redis),
                new RedisSessionStore(redis),
                new RedisConfigStore(redis),
                new RedisApiKeyStore(redis),
                new RedisUsageStore(redis),
                new RedisStatsStore(redis),
                new RedisRequestLogStore(redis),
                new RedisLockService(redis));
    }

    /**
     * Connects and returns the stores. Redis needs no schema, so nothing is written until the stores are used.
     *
     * @throws dev.grok2api.core.error.ServiceUnavailableException when Redis cannot be reached; the message names the
     *     (masked) URI and what to check
     */
    public static RedisStorage open(RedisStorageConfig config) {
        return new RedisStorage(new RedisBackend(config));
    }

    /** The key prefix in use. */
    public String keyPrefix() {
        return redis.prefix();
    }

    /**
     * Calls {@code listener} with the new version whenever any instance merges configuration, so this instance can
     * reload at once instead of polling {@link ConfigStore#version()}. Called on a Lettuce event thread: keep it short
     * and never block on Redis inside it. Registering replaces any earlier listener.
     *
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the subscription cannot be opened
     */
    public synchronized void onConfigChange(LongConsumer listener) {
        closeSubscription();
        try {
            StatefulRedisPubSubConnection<String, String> connection =
                    redis.client().connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    listener.accept(Long.parseLong(message));
                }
            });
            connection.sync().subscribe(RedisConfigStore.changeChannel(redis));
            subscription = connection;
        } catch (RedisException e) {
            throw RedisBackend.unavailable("cannot subscribe to config changes: " + e.getMessage(), e);
        }
    }

    private void closeSubscription() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Every store port of this Redis. */
    public StoreSet stores() {
        return stores;
    }

    /** Closes the connections. The stores must not be used afterwards. */
    @Override
    public synchronized void close() {
        closeSubscription();
        redis.close();
    }
}
