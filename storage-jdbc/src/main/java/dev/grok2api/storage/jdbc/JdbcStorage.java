package dev.grok2api.storage.jdbc;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Every store port over one SQL database: SQLite (the embedded default), PostgreSQL or MySQL/MariaDB.
 *
 * <pre>{@code
 * try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.sqlite(Path.of("data")))) {
 *     TokenStore tokens = storage.tokenStore();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #open} creates or upgrades the schema with the dialect's Flyway migrations. The stores are thread-safe
 * and may be shared by every request; several processes may open the same database. Close the storage once, at
 * shutdown.
 */
public final class JdbcStorage implements AutoCloseable {
    private final Database db;
    private final JdbcTokenStore tokenStore;
    private final JdbcSessionStore sessionStore;
    private final JdbcConfigStore configStore;
    private final JdbcApiKeyStore apiKeyStore;
    private final JdbcUsageStore usageStore;
    private final JdbcStatsStore statsStore;
    private final JdbcRequestLogStore requestLogStore;
    private final JdbcLockService lockService;

    private JdbcStorage(Database db) {
        this.db = db;
        this.tokenStore = new JdbcTokenStore(db);
        this.sessionStore = new JdbcSessionStore(db);
        this.configStore = new JdbcConfigStore(db);
        this.apiKeyStore = new JdbcApiKeyStore(db);
        this.usageStore = new JdbcUsageStore(db);
        this.statsStore = new JdbcStatsStore(db);
        this.requestLogStore = new JdbcRequestLogStore(db);
        this.lockService = new JdbcLockService(db);
    }

    /**
     * Connects, migrates the schema to the newest version and returns the stores.
     *
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the database cannot be reached or migrated;
     *     the message names the (masked) URL and what to check
     */
    public static JdbcStorage open(JdbcStorageConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            createParentDirectory(config);
        }
        Database db = new Database(config);
        try {
            Flyway.configure()
                    .dataSource(db.migrationDataSource())
                    .locations(config.dialect().migrationLocation())
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            db.close();
            throw Database.unavailable(
                    "cannot create or upgrade the " + config.dialect() + " schema at " + config.maskedUrl() + ": "
                            + e.getMessage() + "; check that the user may create tables",
                    e);
        }
        return new JdbcStorage(db);
    }

    private static void createParentDirectory(JdbcStorageConfig config) {
        String path = config.jdbcUrl().substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw Database.unavailable(
                    "cannot create the data directory " + parent + " for the SQLite database: " + e.getMessage()
                            + "; set GROK2API_DATA_DIR to a writable directory",
                    e);
        }
    }

    /** The database kind. */
    public Dialect dialect() {
        return db.dialect();
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

    /** Closes the connection pools. The stores must not be used afterwards. */
    @Override
    public void close() {
        db.close();
    }
}
