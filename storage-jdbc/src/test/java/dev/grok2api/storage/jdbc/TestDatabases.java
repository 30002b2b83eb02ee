package dev.grok2api.storage.jdbc;

import dev.grok2api.testkit.junit.RealServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Isolated databases for tests: an SQLite file, a fresh PostgreSQL schema or a fresh MySQL database. */
final class TestDatabases {
    private static final Pattern MYSQL_URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/?]+)/?([^?]*)(\\?.*)?$");

    private TestDatabases() {}

    /** A database that exists until {@link #close()} drops it. */
    record Fixture(JdbcStorageConfig config, String dropSql, String adminUrl) implements AutoCloseable {
        JdbcStorage open() {
            return JdbcStorage.open(config);
        }

        @Override
        public void close() throws SQLException {
            if (dropSql != null) {
                execute(adminUrl, dropSql);
            }
        }
    }

    static Fixture sqlite(Path dir) {
        return new Fixture(JdbcStorageConfig.sqlite(dir), null, null);
    }

    static Fixture fresh(Dialect dialect, Path dir) throws SQLException {
        return switch (dialect) {
            case SQLITE -> sqlite(dir);
            case POSTGRESQL -> postgres();
            case MYSQL -> mysql();
        };
    }

    static Fixture postgres() throws SQLException {
        String base = RealServer.url(RealServer.POSTGRES);
        String schema = uniqueName();
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Fixture(JdbcStorageConfig.of(url).withMaxPoolSize(8), "DROP SCHEMA " + schema + " CASCADE", base);
    }

    static Fixture mysql() throws SQLException {
        String base = RealServer.url(RealServer.MYSQL);
        Matcher m = MYSQL_URL.matcher(base);
        if (!m.matches()) {
            throw new IllegalStateException(RealServer.MYSQL + " must look like jdbc:mariadb://host:port/db?user=…");
        }
        String database = uniqueName();
        String query = m.group(3) == null ? "" : m.group(3);
        String admin = m.group(1) + "/" + query;
        execute(admin, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        String url = m.group(1) + "/" + database + query;
        return new Fixture(JdbcStorageConfig.of(url).withMaxPoolSize(8), "DROP DATABASE " + database, admin);
    }

    private static String uniqueName() {
        return "g2a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static void execute(String url, String sql) throws SQLException {
        String driverUrl = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring(11) : url;
        try (Connection c = DriverManager.getConnection(driverUrl);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
