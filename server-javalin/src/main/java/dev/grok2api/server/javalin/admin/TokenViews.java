package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of accounts and pool statistics for the admin API. */
public final class TokenViews {
    private TokenViews() {}

    /**
     * The reference's {@code TokenView}: {@code token, status, quota, quota_known, heavy_quota, heavy_quota_known,
     * token_type, note, fail_count, use_count}. Status {@code cooling} is reported for accounts in a cooldown too.
     * The token value is included in full: the reference UI addresses accounts by it.
     */
    public static Map<String, Object> reference(GrokToken token, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("token", token.token());
        view.put("status", TokenTransitions.effectiveStatus(token, now).wireName());
        view.put("quota", token.quota().known() ? token.quota().remaining() : 0);
        view.put("quota_known", token.quota().known());
        view.put("heavy_quota", token.heavyQuota().remaining());
        view.put("heavy_quota_known", token.heavyQuota().known());
        view.put("token_type", token.pool().tokenType());
        view.put("note", token.note());
        view.put("fail_count", token.failCount());
        view.put("use_count", token.useCount());
        return view;
    }

    /**
     * Everything about an account, for the paged listing: the reference fields plus its pool, stored status, the
     * state it is counted under now, both quota buckets with their window, the cooldown and the time left, the last
     * failure (the reason of its state), tags and timestamps (epoch milliseconds).
     */
    public static Map<String, Object> detailed(GrokToken token, Instant now) {
        Map<String, Object> view = reference(token, now);
        view.put("token_masked", token.masked());
        view.put("pool", token.pool().wireName());
        view.put("stored_status", token.status().wireName());
        view.put("quota_total", token.quota().total());
        view.put("quota_window_seconds", token.quota().windowSeconds());
        view.put("heavy_quota_total", token.heavyQuota().total());
        view.put("heavy_quota_window_seconds", token.heavyQuota().windowSeconds());
        view.put("cooldown_until", millis(token.cooldownUntil()));
        view.put(
                "cooldown_remaining_seconds",
                token.coolingAt(now)
                        ? Duration.between(now, token.cooldownUntil()).toSeconds()
                        : 0);
        TokenFailure failure = token.lastFailure();
        view.put("last_failure", failure == null ? null : failure(failure));
        view.put("tags", token.tags());
        view.put("created_at", millis(token.createdAt()));
        view.put("last_used_at", millis(token.lastUsedAt()));
        view.put("last_sync_at", millis(token.lastSyncAt()));
        view.put("last_asset_clear_at", millis(token.lastAssetClearAt()));
        return view;
    }

    private static Map<String, Object> failure(TokenFailure failure) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", failure.code());
        view.put("message", failure.message());
        view.put("at", millis(failure.at()));
        return view;
    }

    /**
     * Pool statistics with the reference metrics' names ({@code total, active, cooling, expired, disabled,
     * chat_quota, image_quota, total_calls}) plus {@code invalid} (same as {@code expired}) and {@code heavy_quota}.
     */
    public static Map<String, Object> stats(TokenCounts counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", counts.total());
        view.put("active", counts.active());
        view.put("cooling", counts.cooling());
        view.put("expired", counts.invalid());
        view.put("invalid", counts.invalid());
        view.put("disabled", counts.disabled());
        view.put("chat_quota", counts.remainingQuota());
        view.put("image_quota", counts.remainingQuota() / 2);
        view.put("heavy_quota", counts.remainingHeavyQuota());
        view.put("total_calls", counts.useCount());
        return view;
    }

    /** The quota a new account in the reference's full-map form gives, or null for the default. */
    static Quota quota(Object value, Object known) {
        if (!(value instanceof Number number) || Boolean.FALSE.equals(known)) {
            return null;
        }
        int remaining = number.intValue();
        return remaining < 0 ? Quota.UNKNOWN_QUOTA : new Quota(remaining, Quota.UNKNOWN, 0);
    }

    /** A status a client sent ({@code expired} and {@code invalid} alike), or null. */
    static TokenStatus status(Object value) {
        return value instanceof String s ? TokenStatus.fromWireName(s).orElse(null) : null;
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
