package dev.grok2api.storage.jdbc;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.port.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SessionStore} over the {@code admin_sessions} table. */
final class JdbcSessionStore implements SessionStore {
    private final Database db;
    private final String upsertSql;

    JdbcSessionStore(Database db) {
        this.db = db;
        this.upsertSql = db.dialect()
                .upsert(
                        "admin_sessions",
                        List.of("token_hash", "username", "created_at", "expires_at"),
                        List.of("token_hash"));
    }

    @Override
    public void create(AdminSession session) {
        db.write(handle -> handle.createUpdate(upsertSql)
                .bind("token_hash", session.tokenHash())
                .bind("username", session.username())
                .bind("created_at", session.createdAt().toEpochMilli())
                .bind("expires_at", session.expiresAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<AdminSession> find(String tokenHash, Instant now) {
        return db.read(handle -> handle.createQuery(
                        "SELECT * FROM admin_sessions WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new AdminSession(
                        rs.getString("token_hash"),
                        rs.getString("username"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
    }

    @Override
    public boolean delete(String tokenHash) {
        return db.write(handle -> handle.createUpdate("DELETE FROM admin_sessions WHERE token_hash = :hash")
                        .bind("hash", tokenHash)
                        .execute())
                > 0;
    }

    @Override
    public int deleteAll() {
        return db.write(
                handle -> handle.createUpdate("DELETE FROM admin_sessions").execute());
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.write(handle -> handle.createUpdate("DELETE FROM admin_sessions WHERE expires_at <= :now")
                .bind("now", now.toEpochMilli())
                .execute());
    }
}
