package dev.grok2api.storage.jdbc;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.storage.ConfigValueCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link ApiKeyStore} over the {@code api_keys} table. */
final class JdbcApiKeyStore implements ApiKeyStore {
    private static final List<String> COLUMNS = List.of(
            "id",
            "key_hash",
            "mask",
            "name",
            "enabled",
            "created_at",
            "expires_at",
            "chat_limit",
            "heavy_limit",
            "image_limit",
            "video_limit",
            "allowed_models",
            "requests_per_minute",
            "max_concurrency");

    private final Database db;
    private final String insertSql;

    JdbcApiKeyStore(Database db) {
        this.db = db;
        this.insertSql = db.dialect().insertIgnoring("api_keys", COLUMNS);
    }

    @Override
    public boolean create(ApiKey key) {
        // INSERT-ignoring covers both unique constraints (id and key_hash) in one atomic statement.
        return db.write(handle -> bind(handle.createUpdate(insertSql), key).execute()) > 0;
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return db.read(handle -> findBy(handle, "id", id, ""));
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return db.read(handle -> findBy(handle, "key_hash", keyHash, ""));
    }

    private static Optional<ApiKey> findBy(Handle handle, String column, String value, String suffix) {
        return handle.createQuery("SELECT * FROM api_keys WHERE " + column + " = :value" + suffix)
                .bind("value", value)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    @Override
    public Optional<ApiKey> update(String id, ApiKeyEdit edit) {
        return db.write(handle -> {
            Optional<ApiKey> current = findBy(handle, "id", id, db.dialect().forUpdate());
            if (current.isEmpty()) {
                return Optional.<ApiKey>empty();
            }
            ApiKey updated = millis(edit.applyTo(current.get()));
            List<String> set = new ArrayList<>();
            COLUMNS.stream().filter(c -> !c.equals("id")).forEach(c -> set.add(c + " = :" + c));
            bind(handle.createUpdate("UPDATE api_keys SET " + String.join(", ", set) + " WHERE id = :id"), updated)
                    .execute();
            return Optional.of(updated);
        });
    }

    @Override
    public boolean delete(String id) {
        return db.write(handle -> handle.createUpdate("DELETE FROM api_keys WHERE id = :id")
                        .bind("id", id)
                        .execute())
                > 0;
    }

    @Override
    public ApiKeyPage list(ApiKeyQuery query) {
        List<String> clauses = new ArrayList<>();
        if (query.enabled() != null) {
            clauses.add("enabled = :enabled");
        }
        if (query.text() != null) {
            clauses.add("(LOWER(name) LIKE :text ESCAPE '!' OR LOWER(mask) LIKE :text ESCAPE '!')");
        }
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        return db.read(handle -> {
            long total = filters(handle.createQuery("SELECT COUNT(*) FROM api_keys" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<ApiKey> items = filters(
                            handle.createQuery("SELECT * FROM api_keys" + where
                                    + " ORDER BY created_at DESC, id ASC LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", query.limit())
                    .bind("offset", query.offset())
                    .map((rs, ctx) -> map(rs))
                    .list();
            return new ApiKeyPage(items, total);
        });
    }

    private static Query filters(Query q, ApiKeyQuery query) {
        if (query.enabled() != null) {
            q.bind("enabled", query.enabled() ? 1 : 0);
        }
        if (query.text() != null) {
            q.bind("text", Sql.containsPattern(query.text().toLowerCase(Locale.ROOT)));
        }
        return q;
    }

    private static ApiKey millis(ApiKey k) {
        return new ApiKey(
                k.id(),
                k.keyHash(),
                k.mask(),
                k.name(),
                k.enabled(),
                Sql.millis(k.createdAt()),
                Sql.millis(k.expiresAt()),
                k.limits(),
                k.allowedModels(),
                k.requestsPerMinute(),
                k.maxConcurrency());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, ApiKey k) {
        return statement
                .bind("id", k.id())
                .bind("key_hash", k.keyHash())
                .bind("mask", k.mask())
                .bind("name", k.name())
                .bind("enabled", k.enabled() ? 1 : 0)
                .bind("created_at", k.createdAt().toEpochMilli())
                .bind("expires_at", TokenRows.millis(k.expiresAt()))
                .bind("chat_limit", k.limits().chat())
                .bind("heavy_limit", k.limits().heavy())
                .bind("image_limit", k.limits().image())
                .bind("video_limit", k.limits().video())
                .bind("allowed_models", ConfigValueCodec.encode(k.allowedModels()))
                .bind("requests_per_minute", k.requestsPerMinute())
                .bind("max_concurrency", k.maxConcurrency());
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("key_hash"),
                rs.getString("mask"),
                rs.getString("name"),
                rs.getInt("enabled") != 0,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                TokenRows.instant(rs, "expires_at"),
                new DailyLimits(
                        rs.getInt("chat_limit"),
                        rs.getInt("heavy_limit"),
                        rs.getInt("image_limit"),
                        rs.getInt("video_limit")),
                Sql.stringList(rs.getString("allowed_models")),
                rs.getInt("requests_per_minute"),
                rs.getInt("max_concurrency"));
    }
}
