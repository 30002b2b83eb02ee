package dev.grok2api.storage.redis;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.LongConsumer;

/**
 * Every store port over one Redis server, with all keys under a configurable prefix.
 *
 * <pre>{@code
 * try (RedisStorage storage = RedisStorage.open(RedisStorageConfig.of("redis://127.0.0.1:6379/0"))) {
 *     TokenStore tokens = storage.tokenStore();
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
    private final RedisTokenStore tokenStore;
    private final RedisSessionStore sessionStore;
    private final RedisConfigStore configStore;
    private final RedisApiKeyStore apiKeyStore;
    private final RedisUsageStore usageStore;
    private final RedisStatsStore statsStore;
    private final RedisRequestLogStore requestLogStore;
    private final RedisLockService lockService;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    private RedisStorage(RedisBackend redis) {
        this.redis = redis;
        this.tokenStore = new RedisTokenStore(redis);
        this.sessionStore = new RedisSessionStore(redis);
        this.configStore = new RedisConfigStore(redis);
        this.apiKeyStore = new RedisApiKeyStore(redis);
        this.usageStore = new RedisUsageStore(redis);
        this.statsStore = new RedisStatsStore(redis);
        this.requestLogStore = new RedisRequestLogStore(redis);
        this.lockService = new RedisLockService(redis);
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

    /** The Grok account pool. */
    public TokenStore tokenStore() {
        return tokenStore;
    }

    /** Admin sessions. */
    public SessionStore sessionStore() {
        return sessionStore;
    }

    /** Stored configuration. */
    public ConfigStore configStore() {
        return configStore;
    }

    /** Managed client API keys. */
    public ApiKeyStore apiKeyStore() {
        return apiKeyStore;
    }

    /** Per-key daily usage. */
    public UsageStore usageStore() {
        return usageStore;
    }

    /** Request statistics. */
    public StatsStore statsStore() {
        return statsStore;
    }

    /** The per-request log. */
    public RequestLogStore requestLogStore() {
        return requestLogStore;
    }

    /** Named cluster locks. */
    public LockService lockService() {
        return lockService;
    }

    /** Closes the connections. The stores must not be used afterwards. */
    @Override
    public synchronized void close() {
        closeSubscription();
        redis.close();
    }
}
