package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;

/** The stores the server runs on, opened from {@link ServerOptions}. */
public final class Storage implements AutoCloseable {
    private final TokenStore tokens;
    private final SessionStore sessions;
    private final String description;
    private final AutoCloseable resource;
    private final Operational operational;

    /** The stores of keys, usage, statistics, logs, configuration and locks. */
    private record Operational(
            ConfigStore config,
            ApiKeyStore apiKeys,
            UsageStore usage,
            StatsStore stats,
            RequestLogStore requestLogs,
            LockService locks) {}

    private Storage(
            TokenStore tokens,
            SessionStore sessions,
            Operational operational,
            String description,
            AutoCloseable resource) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.operational = operational;
        this.description = description;
        this.resource = resource;
    }

    /**
     * Opens the backend the options name.
     *
     * @throws ConfigException when the storage type is unknown
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the backend cannot be reached
     */
    public static Storage open(ServerOptions options) {
        return switch (options.storageType()) {
            case "local" -> jdbc(JdbcStorageConfig.sqlite(options.dataDir()));
            case "sqlite" ->
                jdbc(
                        options.storageUrl().isEmpty()
                                ? JdbcStorageConfig.sqlite(options.dataDir())
                                : JdbcStorageConfig.of(options.storageUrl()));
            default ->
                throw new ConfigException("SERVER_STORAGE_TYPE '" + options.storageType()
                        + "' is not supported by this build; use local or sqlite");
        };
    }

    private static Storage jdbc(JdbcStorageConfig config) {
        JdbcStorage storage = JdbcStorage.open(config);
        return new Storage(
                storage.tokenStore(),
                storage.sessionStore(),
                new Operational(
                        storage.configStore(),
                        storage.apiKeyStore(),
                        storage.usageStore(),
                        storage.statsStore(),
                        storage.requestLogStore(),
                        storage.lockService()),
                storage.dialect().name().toLowerCase(java.util.Locale.ROOT) + " (" + config.maskedUrl() + ")",
                storage);
    }

    public TokenStore tokens() {
        return tokens;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** Stored configuration. */
    public ConfigStore config() {
        return operational.config();
    }

    /** Managed client API keys. */
    public ApiKeyStore apiKeys() {
        return operational.apiKeys();
    }

    /** Per-key daily usage. */
    public UsageStore usage() {
        return operational.usage();
    }

    /** Request statistics. */
    public StatsStore stats() {
        return operational.stats();
    }

    /** The per-request log. */
    public RequestLogStore requestLogs() {
        return operational.requestLogs();
    }

    /** Named cluster locks. */
    public LockService locks() {
        return operational.locks();
    }

    /** For logs, e.g. {@code sqlite (data/grok2api.db)}; never contains a password. */
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
