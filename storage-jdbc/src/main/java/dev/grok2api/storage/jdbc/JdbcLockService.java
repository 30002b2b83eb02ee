package dev.grok2api.storage.jdbc;

import dev.grok2api.core.lock.LockLease;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.storage.StoreArguments;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link LockService} over the {@code cluster_locks} table. The lease (owner, expiry) lives in a row, because only a
 * row gives every instance the same TTL and owner rules. What makes the check-and-set atomic differs per dialect:
 * PostgreSQL takes a transaction-scoped advisory lock on the name, MySQL {@code GET_LOCK} (released before the
 * transaction ends; the row lock covers the rest), SQLite relies on its single writer. Without them, two instances
 * could both see "no row" and race to insert.
 */
final class JdbcLockService implements LockService {
    private final Database db;

    JdbcLockService(Database db) {
        this.db = db;
    }

    @Override
    public Optional<LockLease> tryAcquire(String name, String owner, Duration ttl, Instant now) {
        StoreArguments.requireLock(name, owner, ttl);
        long expiresAt = now.plus(ttl).toEpochMilli();
        return db.write(handle -> {
            guard(handle, name, true);
            try {
                Optional<LockLease> held = handle.createQuery("SELECT * FROM cluster_locks WHERE name = :name"
                                + db.dialect().forUpdate())
                        .bind("name", name)
                        .map((rs, ctx) -> new LockLease(
                                rs.getString("name"),
                                rs.getString("owner"),
                                Instant.ofEpochMilli(rs.getLong("expires_at"))))
                        .findOne();
                if (held.isPresent()
                        && !held.get().owner().equals(owner)
                        && held.get().expiresAt().isAfter(now)) {
                    return Optional.<LockLease>empty();
                }
                String sql = held.isPresent()
                        ? "UPDATE cluster_locks SET owner = :owner, expires_at = :expires WHERE name = :name"
                        : "INSERT INTO cluster_locks (name, owner, expires_at) VALUES (:name, :owner, :expires)";
                handle.createUpdate(sql)
                        .bind("name", name)
                        .bind("owner", owner)
                        .bind("expires", expiresAt)
                        .execute();
                return Optional.of(new LockLease(name, owner, Instant.ofEpochMilli(expiresAt)));
            } finally {
                guard(handle, name, false);
            }
        });
    }

    private void guard(Handle handle, String name, boolean take) {
        switch (db.dialect()) {
            case POSTGRESQL -> {
                if (take) {
                    // the function returns void; counting its one row keeps the driver from mapping a void value
                    handle.createQuery("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                            .bind("key", advisoryKey(name))
                            .mapTo(Long.class)
                            .one();
                }
            }
            case MYSQL -> {
                // GET_LOCK names are limited to 64 characters, so a digest stands in for long names.
                String lockName = "g2a:" + HexFormat.of().formatHex(sha256(name), 0, 16);
                String sql = take ? "SELECT GET_LOCK(:n, 30)" : "SELECT RELEASE_LOCK(:n)";
                List<Long> result = handle.createQuery(sql)
                        .bind("n", lockName)
                        .mapTo(Long.class)
                        .list();
                if (take && (result.isEmpty() || result.get(0) == null || result.get(0) != 1L)) {
                    throw new IllegalStateException("MySQL GET_LOCK for lock " + name + " timed out after 30 s;"
                            + " another instance holds it for unusually long");
                }
            }
            case SQLITE -> {
                // the single writer connection already serializes every write transaction
            }
        }
    }

    private static long advisoryKey(String name) {
        return ByteBuffer.wrap(sha256(name)).getLong();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean release(String name, String owner) {
        return db.write(handle -> handle.createUpdate("DELETE FROM cluster_locks WHERE name = :name AND owner = :owner")
                        .bind("name", name)
                        .bind("owner", owner)
                        .execute())
                > 0;
    }
}
