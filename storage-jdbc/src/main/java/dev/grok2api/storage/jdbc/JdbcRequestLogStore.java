package dev.grok2api.storage.jdbc;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/** {@link RequestLogStore} over the {@code request_logs} table; ids come from the database's auto-increment. */
final class JdbcRequestLogStore implements RequestLogStore {
    private final Database db;

    JdbcRequestLogStore(Database db) {
        this.db = db;
    }

    @Override
    public long append(RequestLogEntry e) {
        return db.write(handle -> handle.createUpdate("INSERT INTO request_logs (logged_at, client_ip, key_name,"
                        + " model, status, duration_ms, first_byte_ms, token_suffix, error_code) VALUES (:at, :ip,"
                        + " :key, :model, :status, :duration, :first, :suffix, :error)")
                .bind("at", e.at().toEpochMilli())
                .bind("ip", e.clientIp())
                .bind("key", e.keyName())
                .bind("model", e.model())
                .bind("status", e.status())
                .bind("duration", e.durationMs())
                .bind("first", e.firstByteMs())
                .bind("suffix", e.tokenSuffix())
                .bind("error", e.errorCode())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public RequestLogPage list(RequestLogQuery query) {
        List<String> clauses = new ArrayList<>();
        if (query.status() != null) {
            clauses.add("status = :status");
        }
        if (query.success() != null) {
            clauses.add(query.success() ? "(status >= 200 AND status < 400)" : "(status < 200 OR status >= 400)");
        }
        if (query.model() != null) {
            clauses.add("model = :model");
        }
        if (query.keyName() != null) {
            clauses.add("key_name = :key");
        }
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        return db.read(handle -> {
            long total = filters(handle.createQuery("SELECT COUNT(*) FROM request_logs" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<LoggedRequest> items = filters(
                            handle.createQuery("SELECT * FROM request_logs" + where
                                    + " ORDER BY logged_at DESC, id DESC LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", query.limit())
                    .bind("offset", query.offset())
                    .map((rs, ctx) -> new LoggedRequest(
                            rs.getLong("id"),
                            new RequestLogEntry(
                                    Instant.ofEpochMilli(rs.getLong("logged_at")),
                                    rs.getString("client_ip"),
                                    rs.getString("key_name"),
                                    rs.getString("model"),
                                    rs.getInt("status"),
                                    rs.getLong("duration_ms"),
                                    rs.getLong("first_byte_ms"),
                                    rs.getString("token_suffix"),
                                    rs.getString("error_code"))))
                    .list();
            return new RequestLogPage(items, total);
        });
    }

    private static Query filters(Query q, RequestLogQuery query) {
        if (query.status() != null) {
            q.bind("status", query.status().intValue());
        }
        if (query.model() != null) {
            q.bind("model", query.model());
        }
        if (query.keyName() != null) {
            q.bind("key", query.keyName());
        }
        return q;
    }

    @Override
    public int clear() {
        return db.write(
                handle -> handle.createUpdate("DELETE FROM request_logs").execute());
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return db.write(handle -> handle.createUpdate("DELETE FROM request_logs WHERE logged_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }
}
