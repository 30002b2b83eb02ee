package dev.grok2api.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.grok2api.core.error.ServiceUnavailableException;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The connection pools and the one way stores run statements: {@link #read} outside transactions, {@link #write} in
 * a transaction that is retried when the database reports a deadlock or serialization failure.
 *
 * <p>SQLite has a separate writer pool of exactly one connection whose transactions begin {@code IMMEDIATE}: writes
 * of this process queue for that connection instead of racing for the file lock, and another process on the same
 * file waits through the busy timeout instead of failing with {@code SQLITE_BUSY}.
 */
final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 5;
    // Long enough for another process's import to finish; SQLITE_BUSY after this is a real problem to report.
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final Dialect dialect;
    private final String maskedUrl;
    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final Jdbi reader;
    private final Jdbi writer;

    Database(JdbcStorageConfig config) {
        this.dialect = config.dialect();
        this.maskedUrl = config.maskedUrl();
        if (dialect == Dialect.SQLITE) {
            this.writePool = pool(config, "grok2api-sqlite-writer", 1, sqliteProperties(true));
            this.readPool = pool(config, "grok2api-sqlite-reader", config.maxPoolSize(), sqliteProperties(false));
        } else {
            this.readPool = pool(config, "grok2api-" + dialect.migrationFolder(), config.maxPoolSize(), serverProps());
            this.writePool = readPool;
        }
        this.reader = Jdbi.create(readPool);
        this.writer = writePool == readPool ? reader : Jdbi.create(writePool);
    }

    private Properties serverProps() {
        Properties props = new Properties();
        if (dialect == Dialect.MYSQL) {
            // Per-row update counts are how insertIfAbsent learns which rows were new; bulk mode hides them.
            props.setProperty("useBulkStmts", "false");
        }
        return props;
    }

    private static Properties sqliteProperties(boolean writer) {
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
        props.setProperty("foreign_keys", "true");
        if (writer) {
            props.setProperty("transaction_mode", "IMMEDIATE");
        }
        return props;
    }

    private HikariDataSource pool(JdbcStorageConfig config, String name, int size, Properties props) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.driverUrl());
        if (config.username() != null) {
            hikari.setUsername(config.username());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(size, 2));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        // Fail at once at start instead of inside the first request; the server wraps open() in a bounded wait.
        hikari.setInitializationFailTimeout(1);
        hikari.setDataSourceProperties(props);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw unavailable(
                    "cannot connect to the " + dialect + " database at " + maskedUrl
                            + "; check that it is running and that the URL, user and password are right",
                    e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** The data source migrations run on (SQLite: the writer). */
    DataSource migrationDataSource() {
        return writePool;
    }

    /** Runs read-only work on a pooled connection. */
    <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return reader.withHandle(work);
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /** Runs work in one transaction, retrying it on deadlocks and serialization failures. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.inTransaction(work);
            } catch (JdbiException e) {
                if (attempt < MAX_ATTEMPTS && retriable(e)) {
                    continue;
                }
                throw unavailable(e);
            }
        }
    }

    private static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                // 40001 serialization failure, 40P01 PostgreSQL deadlock, 1213/1205 MySQL deadlock / lock timeout
                if ("40001".equals(state) || "40P01".equals(state) || code == 1213 || code == 1205) {
                    return true;
                }
            }
        }
        return false;
    }

    ServiceUnavailableException unavailable(Throwable cause) {
        return unavailable(
                "the " + dialect + " database at " + maskedUrl + " failed: " + rootMessage(cause)
                        + "; check that it is running and reachable",
                cause);
    }

    static ServiceUnavailableException unavailable(String message, Throwable cause) {
        return new ServiceUnavailableException("storage_unavailable", message, cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Reads and increments named counters (change markers, config version) in the caller's transaction. */
    static long bumpCounter(Handle handle, String name) {
        handle.createUpdate("UPDATE change_counters SET counter_value = counter_value + 1 WHERE name = :name")
                .bind("name", name)
                .execute();
        return readCounter(handle, name);
    }

    static long readCounter(Handle handle, String name) {
        return handle.createQuery("SELECT counter_value FROM change_counters WHERE name = :name")
                .bind("name", name)
                .mapTo(Long.class)
                .one();
    }

    @Override
    public void close() {
        readPool.close();
        if (writePool != readPool) {
            writePool.close();
        }
    }
}
