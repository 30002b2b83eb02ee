package dev.grok2api.storage.jdbc;

import dev.grok2api.core.storage.ConfigValueCodec;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Mapping between {@link GrokToken} and a {@code tokens} row. */
final class TokenRows {
    /** Every column, in the order of {@link #bind}. */
    static final List<String> COLUMNS = List.of(
            "token",
            "sso_rw",
            "pool",
            "status",
            "quota_remaining",
            "quota_total",
            "quota_window_s",
            "heavy_remaining",
            "heavy_total",
            "heavy_window_s",
            "use_count",
            "fail_count",
            "last_fail_code",
            "last_fail_message",
            "last_fail_at",
            "cooldown_until",
            "tags",
            "note",
            "created_at",
            "last_used_at",
            "last_sync_at",
            "last_asset_clear_at");

    /** Longest token the {@code token} column holds. */
    static final int MAX_TOKEN_LENGTH = 512;

    static final RowMapper<GrokToken> MAPPER = TokenRows::map;

    private TokenRows() {}

    /**
     * {@code UPDATE tokens SET <every column but token> = :column, change_seq = :change_seq WHERE token = :token}: an
     * update also stamps the row with its position in the change feed.
     */
    static String updateAll() {
        StringBuilder sql = new StringBuilder("UPDATE tokens SET ");
        List<String> set = new ArrayList<>();
        for (String column : COLUMNS) {
            if (!column.equals("token")) {
                set.add(column + " = :" + column);
            }
        }
        set.add("change_seq = :change_seq");
        return sql.append(String.join(", ", set))
                .append(" WHERE token = :token")
                .toString();
    }

    static <S extends SqlStatement<S>> S bind(S statement, GrokToken t) {
        if (t.token().length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "tokens longer than " + MAX_TOKEN_LENGTH + " characters are not supported: " + t.masked());
        }
        TokenFailure failure = t.lastFailure();
        return statement
                .bind("token", t.token())
                .bind("sso_rw", t.ssoRw())
                .bind("pool", t.pool().wireName())
                .bind("status", t.status().wireName())
                .bind("quota_remaining", t.quota().remaining())
                .bind("quota_total", t.quota().total())
                .bind("quota_window_s", t.quota().windowSeconds())
                .bind("heavy_remaining", t.heavyQuota().remaining())
                .bind("heavy_total", t.heavyQuota().total())
                .bind("heavy_window_s", t.heavyQuota().windowSeconds())
                .bind("use_count", t.useCount())
                .bind("fail_count", t.failCount())
                .bind("last_fail_code", failure == null ? null : failure.code())
                .bind("last_fail_message", failure == null ? null : failure.message())
                .bind("last_fail_at", millis(failure == null ? null : failure.at()))
                .bind("cooldown_until", millis(t.cooldownUntil()))
                .bind("tags", ConfigValueCodec.encode(t.tags()))
                .bind("note", t.note())
                .bind("created_at", millis(t.createdAt()))
                .bind("last_used_at", millis(t.lastUsedAt()))
                .bind("last_sync_at", millis(t.lastSyncAt()))
                .bind("last_asset_clear_at", millis(t.lastAssetClearAt()));
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static GrokToken map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        String code = rs.getString("last_fail_code");
        TokenFailure failure = code == null
                ? null
                : new TokenFailure(code, rs.getString("last_fail_message"), instant(rs, "last_fail_at"));
        return new GrokToken(
                rs.getString("token"),
                rs.getString("sso_rw"),
                TokenPool.fromWireName(rs.getString("pool")).orElseThrow(),
                TokenStatus.fromWireName(rs.getString("status")).orElseThrow(),
                new Quota(rs.getInt("quota_remaining"), rs.getInt("quota_total"), rs.getLong("quota_window_s")),
                new Quota(rs.getInt("heavy_remaining"), rs.getInt("heavy_total"), rs.getLong("heavy_window_s")),
                rs.getInt("use_count"),
                rs.getInt("fail_count"),
                failure,
                instant(rs, "cooldown_until"),
                Sql.stringList(rs.getString("tags")),
                rs.getString("note"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "last_sync_at"),
                instant(rs, "last_asset_clear_at"));
    }
}
