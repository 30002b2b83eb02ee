package dev.grok2api.storage.jdbc;

import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.storage.TransitionTokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link dev.grok2api.core.port.TokenStore} over SQL. Each atomic update locks the one row ({@code SELECT … FOR UPDATE}; on SQLite the
 * single writer connection), applies the shared {@link TokenTransitions} and writes the row back, stamped with the
 * new value of the {@code tokens} change counter bumped in the same transaction ({@code change_seq}, which {@link
 * #changesSince} reads); rows inserted {@value #BATCH_SIZE} at most at a time are stamped the same way. Deletes and
 * larger inserts bump the counter too and record it as {@code tokens_structure}. The counter row serializes the writers, so positions follow commit order: a reader that reads
 * the counter before the rows misses no update.
 */
final class JdbcTokenStore extends TransitionTokenStore {
    private static final int BATCH_SIZE = 1_000;
    private static final String COUNTER = "tokens";
    private static final String STRUCTURE = "tokens_structure";
    private static final String ACTIVE_NOW =
            "t.status = 'active' AND (t.cooldown_until IS NULL OR t.cooldown_until <= :now)";
    private static final String COOLING_NOW =
            "(t.status = 'cooling' OR (t.status = 'active' AND t.cooldown_until > :now))";

    private final Database db;
    private final String insertSql;
    private final String updateSql = TokenRows.updateAll();

    JdbcTokenStore(Database db) {
        this.db = db;
        this.insertSql = db.dialect().insertIgnoring("tokens", TokenRows.COLUMNS);
    }

    @Override
    public List<String> insertIfAbsent(Collection<GrokToken> tokens) {
        Map<String, GrokToken> unique = new LinkedHashMap<>();
        for (GrokToken token : tokens) {
            unique.putIfAbsent(token.token(), TokenTransitions.truncatedToMillis(token));
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        List<GrokToken> candidates = List.copyOf(unique.values());
        return db.write(handle -> {
            List<GrokToken> inserted = new ArrayList<>();
            for (int from = 0; from < candidates.size(); from += BATCH_SIZE) {
                List<GrokToken> chunk = candidates.subList(from, Math.min(from + BATCH_SIZE, candidates.size()));
                PreparedBatch batch = handle.prepareBatch(insertSql);
                chunk.forEach(t -> TokenRows.bind(batch, t).add());
                int[] counts = batch.execute();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] < 0) {
                        throw new IllegalStateException("the " + db.dialect()
                                + " driver did not report per-row insert counts; disable batch rewriting in the"
                                + " JDBC URL (rewriteBatchedStatements/useBulkStmts)");
                    }
                    if (counts[i] > 0) {
                        inserted.add(chunk.get(i));
                    }
                }
            }
            insertTags(handle, inserted);
            List<String> names = inserted.stream().map(GrokToken::token).toList();
            if (names.size() > BATCH_SIZE) {
                // An import: stamping every row would double its cost, and followers reload after one anyway.
                structureChanged(handle);
            } else if (!names.isEmpty()) {
                // Stamped after the insert, so this transaction takes the counter after its rows, like every writer.
                handle.createUpdate("UPDATE tokens SET change_seq = :position WHERE token IN (<tokens>)")
                        .bind("position", Database.bumpCounter(handle, COUNTER))
                        .bindList("tokens", names)
                        .execute();
            }
            return names;
        });
    }

    private static void insertTags(Handle handle, List<GrokToken> tokens) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO token_tags (tag, token) VALUES (:tag, :token)");
        boolean any = false;
        for (GrokToken token : tokens) {
            for (String tag : new LinkedHashSet<>(token.tags())) {
                batch.bind("tag", tag).bind("token", token.token()).add();
                any = true;
            }
        }
        if (any) {
            batch.execute();
        }
    }

    @Override
    public Optional<GrokToken> find(String token) {
        return db.read(handle -> handle.createQuery("SELECT * FROM tokens WHERE token = :token")
                .bind("token", token)
                .map(TokenRows.MAPPER)
                .findOne());
    }

    @Override
    public List<GrokToken> listAll() {
        return db.read(handle ->
                handle.createQuery("SELECT * FROM tokens").map(TokenRows.MAPPER).list());
    }

    @Override
    public TokenPage list(TokenQuery query) {
        String where = where(query);
        String order = switch (query.sort()) {
            case CREATED_ASC -> "t.created_at ASC";
            case CREATED_DESC -> "t.created_at DESC";
            case QUOTA_ASC -> "t.quota_remaining ASC";
            case QUOTA_DESC -> "t.quota_remaining DESC";
            // portable "NULLS LAST": MySQL has no such clause
            case LAST_USED_DESC -> "CASE WHEN t.last_used_at IS NULL THEN 1 ELSE 0 END, t.last_used_at DESC";
            case USE_COUNT_DESC -> "t.use_count DESC";
        };
        return db.read(handle -> {
            long total = bindFilters(handle.createQuery("SELECT COUNT(*) FROM tokens t" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<GrokToken> items = bindFilters(
                            handle.createQuery("SELECT t.* FROM tokens t" + where + " ORDER BY " + order
                                    + ", t.token ASC LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", query.limit())
                    .bind("offset", query.offset())
                    .map(TokenRows.MAPPER)
                    .list();
            return new TokenPage(items, total);
        });
    }

    private static String where(TokenQuery query) {
        List<String> clauses = new ArrayList<>();
        if (query.pool() != null) {
            clauses.add("t.pool = :pool");
        }
        if (query.status() != null) {
            clauses.add(
                    switch (query.status()) {
                        case ACTIVE -> ACTIVE_NOW;
                        case COOLING -> COOLING_NOW;
                        case INVALID, DISABLED -> "t.status = :status";
                    });
        }
        if (query.tag() != null) {
            clauses.add("EXISTS (SELECT 1 FROM token_tags g WHERE g.tag = :tag AND g.token = t.token)");
        }
        if (query.text() != null) {
            clauses.add("(LOWER(t.token) LIKE :text ESCAPE '!' OR LOWER(t.note) LIKE :text ESCAPE '!')");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static Query bindFilters(Query q, TokenQuery query) {
        if (query.pool() != null) {
            q.bind("pool", query.pool().wireName());
        }
        if (query.status() != null) {
            switch (query.status()) {
                case ACTIVE, COOLING -> q.bind("now", query.now().toEpochMilli());
                case INVALID, DISABLED -> q.bind("status", query.status().wireName());
            }
        }
        if (query.tag() != null) {
            q.bind("tag", query.tag());
        }
        if (query.text() != null) {
            q.bind("text", Sql.containsPattern(query.text().toLowerCase(Locale.ROOT)));
        }
        return q;
    }

    @Override
    public TokenCounts counts(Instant now) {
        String sql = "SELECT COUNT(*) AS total,"
                + " COALESCE(SUM(CASE WHEN " + ACTIVE_NOW + " THEN 1 ELSE 0 END), 0) AS active,"
                + " COALESCE(SUM(CASE WHEN " + COOLING_NOW + " THEN 1 ELSE 0 END), 0) AS cooling,"
                + " COALESCE(SUM(CASE WHEN t.status = 'invalid' THEN 1 ELSE 0 END), 0) AS invalid,"
                + " COALESCE(SUM(CASE WHEN t.status = 'disabled' THEN 1 ELSE 0 END), 0) AS disabled,"
                + " COALESCE(SUM(CASE WHEN t.status IN ('active', 'cooling') AND t.quota_remaining > 0"
                + " THEN t.quota_remaining ELSE 0 END), 0) AS quota,"
                + " COALESCE(SUM(CASE WHEN t.heavy_remaining > 0 THEN t.heavy_remaining ELSE 0 END), 0) AS heavy,"
                + " COALESCE(SUM(t.use_count), 0) AS uses"
                + " FROM tokens t";
        return db.read(handle -> handle.createQuery(sql)
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new TokenCounts(
                        rs.getLong("total"),
                        rs.getLong("active"),
                        rs.getLong("cooling"),
                        rs.getLong("invalid"),
                        rs.getLong("disabled"),
                        rs.getLong("quota"),
                        rs.getLong("heavy"),
                        rs.getLong("uses")))
                .one());
    }

    @Override
    protected Optional<GrokToken> update(String token, UnaryOperator<GrokToken> transition) {
        String select =
                "SELECT * FROM tokens WHERE token = :token" + db.dialect().forUpdate();
        return db.write(handle -> {
            Optional<GrokToken> current = handle.createQuery(select)
                    .bind("token", token)
                    .map(TokenRows.MAPPER)
                    .findOne();
            if (current.isEmpty()) {
                return Optional.<GrokToken>empty();
            }
            GrokToken updated = transition.apply(current.get());
            if (updated.equals(current.get())) {
                return current;
            }
            long position = Database.bumpCounter(handle, COUNTER);
            TokenRows.bind(handle.createUpdate(updateSql), updated)
                    .bind("change_seq", position)
                    .execute();
            if (!updated.tags().equals(current.get().tags())) {
                handle.createUpdate("DELETE FROM token_tags WHERE token = :token")
                        .bind("token", token)
                        .execute();
                insertTags(handle, List.of(updated));
            }
            return Optional.of(updated);
        });
    }

    @Override
    public int delete(Collection<String> tokens) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(tokens));
        if (unique.isEmpty()) {
            return 0;
        }
        return db.write(handle -> {
            int deleted = 0;
            for (int from = 0; from < unique.size(); from += BATCH_SIZE) {
                List<String> chunk = unique.subList(from, Math.min(from + BATCH_SIZE, unique.size()));
                handle.createUpdate("DELETE FROM token_tags WHERE token IN (<tokens>)")
                        .bindList("tokens", chunk)
                        .execute();
                deleted += handle.createUpdate("DELETE FROM tokens WHERE token IN (<tokens>)")
                        .bindList("tokens", chunk)
                        .execute();
            }
            if (deleted > 0) {
                structureChanged(handle);
            }
            return deleted;
        });
    }

    @Override
    public int deleteByStatus(TokenStatus status) {
        return db.write(handle -> {
            handle.createUpdate("DELETE FROM token_tags WHERE token IN (SELECT token FROM tokens WHERE status = :s)")
                    .bind("s", status.wireName())
                    .execute();
            int deleted = handle.createUpdate("DELETE FROM tokens WHERE status = :s")
                    .bind("s", status.wireName())
                    .execute();
            if (deleted > 0) {
                structureChanged(handle);
            }
            return deleted;
        });
    }

    /** Accounts were deleted, or imported in bulk: followers must read the whole pool. */
    private static void structureChanged(Handle handle) {
        long position = Database.bumpCounter(handle, COUNTER);
        handle.createUpdate("UPDATE change_counters SET counter_value = :position WHERE name = :name")
                .bind("position", position)
                .bind("name", STRUCTURE)
                .execute();
    }

    @Override
    public long changeMarker() {
        return db.read(handle -> Database.readCounter(handle, COUNTER));
    }

    @Override
    public TokenChanges changesSince(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return db.read(handle -> {
            // The counter first: an update committing after this read has a greater position, so the next call sees it.
            long now = Database.readCounter(handle, COUNTER);
            if (Database.readCounter(handle, STRUCTURE) > position) {
                return TokenChanges.incomplete(now);
            }
            List<GrokToken> changed = handle.createQuery(
                            "SELECT * FROM tokens WHERE change_seq > :position ORDER BY change_seq LIMIT :limit")
                    .bind("position", position)
                    .bind("limit", limit + 1)
                    .map(TokenRows.MAPPER)
                    .list();
            return changed.size() > limit ? TokenChanges.incomplete(now) : new TokenChanges(now, changed, true);
        });
    }
}
