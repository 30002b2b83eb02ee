package dev.grok2api.storage.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL databases the JDBC stores run on. Each has its own Flyway migration folder, with the same version numbers
 * in each, and the few SQL forms that differ between them.
 */
public enum Dialect {
    /** SQLite: the embedded default, one file in the data directory. */
    SQLITE("sqlite", "jdbc:sqlite:"),
    /** PostgreSQL 12 or newer. */
    POSTGRESQL("postgresql", "jdbc:postgresql:"),
    /** MySQL 8 or MariaDB 10.5 or newer (through the MariaDB driver). */
    MYSQL("mysql", "jdbc:mariadb:");

    private final String folder;
    private final String urlPrefix;

    Dialect(String folder, String urlPrefix) {
        this.folder = folder;
        this.urlPrefix = urlPrefix;
    }

    /** The classpath location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    /** The name of this dialect's migration folder under {@code db/migration}. */
    public String migrationFolder() {
        return folder;
    }

    /** The URL prefix of the driver this module uses for the dialect. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /**
     * The dialect of a JDBC URL: {@code jdbc:sqlite:}, {@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code
     * jdbc:mysql:}.
     */
    public static Optional<Dialect> fromJdbcUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return Optional.of(SQLITE);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }

    /** An insert that silently skips rows whose key exists; the update count tells which were inserted. */
    String insertIgnoring(String table, List<String> columns) {
        String names = String.join(", ", columns);
        String values = columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        return switch (this) {
            case SQLITE, POSTGRESQL ->
                "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
            case MYSQL -> "INSERT IGNORE INTO " + table + " (" + names + ") VALUES (" + values + ")";
        };
    }

    /** An insert that replaces the non-key columns of an existing row with the same key. */
    String upsert(String table, List<String> columns, List<String> keys) {
        String names = String.join(", ", columns);
        String values = columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        List<String> updated = columns.stream().filter(c -> !keys.contains(c)).toList();
        return switch (this) {
            case SQLITE, POSTGRESQL ->
                "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT ("
                        + String.join(", ", keys) + ") DO UPDATE SET "
                        + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            case MYSQL ->
                "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                        + updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        };
    }

    /**
     * An insert of counters that adds to the existing row instead when the key exists; one atomic statement on every
     * dialect.
     */
    String upsertIncrement(String table, String key, List<String> counters) {
        String names = key + ", " + String.join(", ", counters);
        String values = ":" + key + ", " + counters.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        return switch (this) {
            case SQLITE, POSTGRESQL ->
                "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT (" + key
                        + ") DO UPDATE SET "
                        + counters.stream()
                                .map(c -> c + " = " + table + "." + c + " + EXCLUDED." + c)
                                .collect(Collectors.joining(", "));
            case MYSQL ->
                "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                        + counters.stream()
                                .map(c -> c + " = " + c + " + VALUES(" + c + ")")
                                .collect(Collectors.joining(", "));
        };
    }

    /** The suffix that locks the selected rows until the transaction ends; SQLite's writer already holds the lock. */
    String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }
}
