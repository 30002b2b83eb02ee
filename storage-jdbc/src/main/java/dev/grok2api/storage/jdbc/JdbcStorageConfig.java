package dev.grok2api.storage.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link JdbcStorage} connects.
 *
 * @param dialect the database kind
 * @param jdbcUrl the JDBC URL; a {@code jdbc:mysql:} URL is served by the MariaDB driver
 * @param username user name, or null when the URL carries it (or SQLite)
 * @param password password, or null; never printed
 * @param maxPoolSize most pooled connections (for SQLite: readers; writes always use one connection)
 * @param connectTimeout how long to wait for a pooled connection, and for the database at start
 */
public record JdbcStorageConfig(
        Dialect dialect, String jdbcUrl, String username, String password, int maxPoolSize, Duration connectTimeout) {
    /** File name of the embedded database inside the data directory. */
    public static final String SQLITE_FILE_NAME = "grok2api.db";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    public JdbcStorageConfig {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be >= 1");
        }
        if (Dialect.fromJdbcUrl(jdbcUrl).orElse(null) != dialect) {
            throw new IllegalArgumentException("JDBC URL " + maskUrl(jdbcUrl) + " is not a " + dialect
                    + " URL; expected it to start with " + dialect.urlPrefix());
        }
    }

    /** The embedded SQLite database {@value #SQLITE_FILE_NAME} in {@code dataDir}. */
    public static JdbcStorageConfig sqlite(Path dataDir) {
        return sqliteFile(dataDir.resolve(SQLITE_FILE_NAME));
    }

    /** An SQLite database in exactly this file. */
    public static JdbcStorageConfig sqliteFile(Path file) {
        return new JdbcStorageConfig(
                Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), null, null, 4, Duration.ofSeconds(30));
    }

    /**
     * A config for this JDBC URL, its dialect taken from the prefix; credentials may be in the URL.
     *
     * @throws IllegalArgumentException when the URL is not SQLite, PostgreSQL, MariaDB or MySQL
     */
    public static JdbcStorageConfig of(String jdbcUrl) {
        Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl)
                .orElseThrow(() -> new IllegalArgumentException("unsupported JDBC URL " + maskUrl(jdbcUrl)
                        + "; use jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:"));
        return new JdbcStorageConfig(dialect, jdbcUrl.trim(), null, null, 10, Duration.ofSeconds(30));
    }

    /** A copy with these credentials. */
    public JdbcStorageConfig withCredentials(String newUsername, String newPassword) {
        return new JdbcStorageConfig(dialect, jdbcUrl, newUsername, newPassword, maxPoolSize, connectTimeout);
    }

    /** A copy with this pool size. */
    public JdbcStorageConfig withMaxPoolSize(int size) {
        return new JdbcStorageConfig(dialect, jdbcUrl, username, password, size, connectTimeout);
    }

    /** A copy with this connect timeout. */
    public JdbcStorageConfig withConnectTimeout(Duration timeout) {
        return new JdbcStorageConfig(dialect, jdbcUrl, username, password, maxPoolSize, timeout);
    }

    /** The URL as the driver wants it: {@code jdbc:mysql:} becomes {@code jdbc:mariadb:}. */
    String driverUrl() {
        return dialect == Dialect.MYSQL && jdbcUrl.regionMatches(true, 0, "jdbc:mysql:", 0, 11)
                ? "jdbc:mariadb:" + jdbcUrl.substring(11)
                : jdbcUrl;
    }

    /** The URL with any password in it masked, for logs and errors. */
    public String maskedUrl() {
        return maskUrl(jdbcUrl);
    }

    static String maskUrl(String url) {
        if (url == null) {
            return "null";
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USERINFO.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return "JdbcStorageConfig[" + dialect + ", " + maskedUrl() + ", user=" + username + ", password="
                + (password == null ? "none" : "***") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
