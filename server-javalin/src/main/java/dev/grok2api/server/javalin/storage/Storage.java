package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.storage.StoreSet;
import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.redis.RedisStorage;
import java.util.function.LongConsumer;

/**
 * The stores the server runs on, opened from {@link ServerOptions}: {@code SERVER_STORAGE_TYPE} = {@code local}
 * (SQLite file in the data directory), {@code sqlite}, {@code pgsql}, {@code mysql} or {@code redis}, with {@code
 * SERVER_STORAGE_URL} (see {@link StorageTarget} for the accepted forms), and on Redis the key prefix {@code
 * SERVER_STORAGE_KEY_PREFIX} (default {@code grok2api:}), so several deployments can share one Redis. A backend that
 * is still starting is waited for up to {@code STORAGE_WAIT_TIMEOUT} seconds.
 */
public final class Storage implements AutoCloseable {
    private final StoreSet stores;
    private final String description;
    private final AutoCloseable resource;
    private final RedisStorage redis;

    private Storage(StoreSet stores, String description, AutoCloseable resource, RedisStorage redis) {
        this.stores = stores;
        this.description = description;
        this.resource = resource;
        this.redis = redis;
    }

    /**
     * Opens the backend the options name, waiting for it while it is unavailable.
     *
     * @throws ConfigException when the storage type or URL is unusable, or the backend stays unreachable (the message
     *     names the masked URL and the fix)
     */
    public static Storage open(ServerOptions options) {
        StorageTarget resolved = StorageTarget.resolve(options.storageType(), options.storageUrl(), options.dataDir());
        String prefix =
                options.env().getOrDefault("SERVER_STORAGE_KEY_PREFIX", "").trim();
        StorageTarget target = prefix.isEmpty() ? resolved : resolved.withKeyPrefix(prefix);
        return StorageWait.fromEnvironment(options.env()).open(target.describe(), () -> open(target));
    }

    static Storage open(StorageTarget target) {
        return switch (target) {
            case StorageTarget.Jdbc jdbc -> {
                JdbcStorage s = JdbcStorage.open(jdbc.config());
                yield new Storage(s.stores(), target.describe(), s, null);
            }
            case StorageTarget.Redis r -> {
                RedisStorage s = RedisStorage.open(r.config());
                yield new Storage(s.stores(), target.describe(), s, s);
            }
        };
    }

    /** Every store port of the backend. */
    public StoreSet stores() {
        return stores;
    }

    public TokenStore tokens() {
        return stores.tokens();
    }

    public SessionStore sessions() {
        return stores.sessions();
    }

    public ConfigStore config() {
        return stores.config();
    }

    public ApiKeyStore apiKeys() {
        return stores.apiKeys();
    }

    public UsageStore usage() {
        return stores.usage();
    }

    public StatsStore stats() {
        return stores.stats();
    }

    public RequestLogStore requestLogs() {
        return stores.requestLogs();
    }

    public LockService locks() {
        return stores.locks();
    }

    /**
     * Whether {@link #onConfigChange} pushes changes; otherwise poll {@link ConfigStore#version()} (cheap on every
     * backend).
     */
    public boolean pushesConfigChanges() {
        return redis != null;
    }

    /** On Redis, calls {@code listener} with the new version whenever any instance stores config; else does nothing. */
    public void onConfigChange(LongConsumer listener) {
        if (redis != null) {
            redis.onConfigChange(listener);
        }
    }

    /** For logs, e.g. {@code sqlite (jdbc:sqlite:/data/grok2api.db)}; never contains a password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing storage failed", e);
        }
    }
}
