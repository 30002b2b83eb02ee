package dev.grok2api.server.javalin.e2e;

import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.junit.RealServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A fresh, empty backend that several server instances share: a new PostgreSQL schema on {@code
 * GROK2API_TEST_POSTGRES_URL}, or a new key prefix on {@code GROK2API_TEST_REDIS_URI}. Closing removes the schema or
 * every key under the prefix.
 */
final class SharedBackend implements AutoCloseable {
    private final String description;
    private final UnaryOperator<ServerOptions> selection;
    private final Cleanup cleanup;

    private interface Cleanup {
        void run() throws SQLException;
    }

    private SharedBackend(String description, UnaryOperator<ServerOptions> selection, Cleanup cleanup) {
        this.description = description;
        this.selection = selection;
        this.cleanup = cleanup;
    }

    static SharedBackend postgres() throws SQLException {
        String base = RealServer.url(RealServer.POSTGRES);
        String schema =
                "g2a_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new SharedBackend(
                "postgresql schema " + schema,
                options -> options.withStorage("pgsql", url),
                () -> execute(base, "DROP SCHEMA " + schema + " CASCADE"));
    }

    static SharedBackend redis() {
        String uri = RealServer.url(RealServer.REDIS);
        String prefix = "g2a-it-" + UUID.randomUUID() + ":";
        return new SharedBackend(
                "redis prefix " + prefix,
                options -> options.withStorage("redis", uri).withEnv("SERVER_STORAGE_KEY_PREFIX", prefix),
                () -> deleteKeys(uri, prefix));
    }

    /** Points server options at this backend. */
    ServerOptions select(ServerOptions options) {
        return selection.apply(options);
    }

    @Override
    public void close() throws SQLException {
        cleanup.run();
    }

    @Override
    public String toString() {
        return description;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteKeys(String uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(
                    connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000));
            while (keys.hasNext()) {
                connection.sync().del(keys.next());
            }
        } finally {
            client.shutdown();
        }
    }
}
