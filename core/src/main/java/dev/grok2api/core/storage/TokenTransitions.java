package dev.grok2api.core.storage;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record-level effect of each atomic {@link dev.grok2api.core.port.TokenStore} update, as pure functions.
 *
 * <p>Store adapters read the current record under their own atomicity mechanism (row lock, serialized writer,
 * compare-and-set), apply one of these functions and write the result back; the functions themselves never touch
 * storage. Every instant in a result is truncated to milliseconds, the precision all stores keep. Thread-safe
 * (stateless).
 */
public final class TokenTransitions {
    private TokenTransitions() {}

    /** See {@link dev.grok2api.core.port.TokenStore#recordSuccess}. */
    public static GrokToken recordSuccess(GrokToken token, QuotaBucket bucket, QuotaChange change, Instant now) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(now, "now");
        Quota current = bucket == QuotaBucket.HEAVY ? token.heavyQuota() : token.quota();
        Quota updated = switch (change) {
            case QuotaChange.Synced synced -> synced.quota();
            case QuotaChange.Estimated estimated ->
                current.known() ? current.withRemaining(Math.max(0, current.remaining() - estimated.cost())) : current;
        };
        Draft draft = new Draft(token);
        draft.setBucket(bucket, updated);
        draft.useCount = token.useCount() + 1;
        draft.lastUsedAt = now;
        draft.failCount = 0;
        draft.cooldownUntil = null;
        if (change instanceof QuotaChange.Synced) {
            draft.lastSyncAt = now;
        }
        if (token.status() != TokenStatus.DISABLED) {
            draft.status = updated.exhausted() ? TokenStatus.COOLING : TokenStatus.ACTIVE;
        }
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#recordSync}. */
    public static GrokToken recordSync(
            GrokToken token, QuotaBucket bucket, QuotaChange.Synced sync, boolean revive, Instant now) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(now, "now");
        if (sync.supersededBy(token)) {
            return token;
        }
        Quota updated = sync.quota();
        Draft draft = new Draft(token);
        draft.setBucket(bucket, updated);
        draft.lastSyncAt = now;
        switch (token.status()) {
            case ACTIVE, COOLING -> draft.status = updated.exhausted() ? TokenStatus.COOLING : TokenStatus.ACTIVE;
            case INVALID -> {
                if (revive && !updated.exhausted()) {
                    draft.status = TokenStatus.ACTIVE;
                    draft.failCount = 0;
                }
            }
            case DISABLED -> {
                // the operator switched it off; a sync never overrides that
            }
        }
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#recordFailure}. */
    public static GrokToken recordFailure(GrokToken token, TokenFailure failure, int threshold) {
        Objects.requireNonNull(failure, "failure");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        }
        Draft draft = new Draft(token);
        draft.failCount = token.failCount() + 1;
        draft.lastFailure = failure;
        if (draft.failCount >= threshold) {
            draft.status = TokenStatus.INVALID;
        }
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#coolDown}. */
    public static GrokToken coolDown(GrokToken token, Instant until, TokenFailure reason) {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Draft draft = new Draft(token);
        if (token.status() == TokenStatus.ACTIVE || token.status() == TokenStatus.COOLING) {
            draft.status = TokenStatus.COOLING;
        }
        draft.cooldownUntil = until;
        draft.lastFailure = reason;
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#invalidate}. */
    public static GrokToken invalidate(GrokToken token, TokenFailure reason) {
        Objects.requireNonNull(reason, "reason");
        Draft draft = new Draft(token);
        draft.status = TokenStatus.INVALID;
        draft.lastFailure = reason;
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#markAssetsCleared}. */
    public static GrokToken markAssetsCleared(GrokToken token, Instant at) {
        Objects.requireNonNull(at, "at");
        Draft draft = new Draft(token);
        draft.lastAssetClearAt = at;
        return draft.build();
    }

    /** See {@link dev.grok2api.core.port.TokenStore#edit}. */
    public static GrokToken edit(GrokToken token, TokenEdit edit) {
        Objects.requireNonNull(edit, "edit");
        Draft draft = new Draft(token);
        if (edit.pool() != null) {
            draft.pool = edit.pool();
        }
        if (edit.status() != null) {
            draft.status = edit.status();
        }
        if (edit.note() != null) {
            draft.note = edit.note();
        }
        if (edit.tags() != null) {
            draft.tags = edit.tags();
        }
        if (edit.clearCooldown()) {
            draft.cooldownUntil = null;
            draft.failCount = 0;
        }
        if (edit.quota() != null) {
            draft.quota = edit.quota();
        }
        if (edit.heavyQuota() != null) {
            draft.heavyQuota = edit.heavyQuota();
        }
        return draft.build();
    }

    /**
     * The state an account is counted and filtered under at {@code now}: invalid and disabled accounts as they are;
     * otherwise cooling when its status is cooling or a cooldown is in force; otherwise active. The four states
     * partition the pool, so {@link dev.grok2api.core.token.TokenCounts} adds up.
     */
    public static TokenStatus effectiveStatus(GrokToken token, Instant now) {
        return switch (token.status()) {
            case INVALID, DISABLED, COOLING -> token.status();
            case ACTIVE -> token.coolingAt(now) ? TokenStatus.COOLING : TokenStatus.ACTIVE;
        };
    }

    /** The record with every instant truncated to milliseconds, the precision stores keep. */
    public static GrokToken truncatedToMillis(GrokToken token) {
        return new Draft(token).build();
    }

    /** The instant truncated to milliseconds, or null. */
    public static Instant millis(Instant instant) {
        return Precision.millis(instant);
    }

    /** A mutable copy, so each transition names only the fields it changes. */
    private static final class Draft {
        private final String token;
        private final String ssoRw;
        private dev.grok2api.core.token.TokenPool pool;
        private TokenStatus status;
        private Quota quota;
        private Quota heavyQuota;
        private int useCount;
        private int failCount;
        private TokenFailure lastFailure;
        private Instant cooldownUntil;
        private List<String> tags;
        private String note;
        private final Instant createdAt;
        private Instant lastUsedAt;
        private Instant lastSyncAt;
        private Instant lastAssetClearAt;

        Draft(GrokToken from) {
            token = from.token();
            ssoRw = from.ssoRw();
            pool = from.pool();
            status = from.status();
            quota = from.quota();
            heavyQuota = from.heavyQuota();
            useCount = from.useCount();
            failCount = from.failCount();
            lastFailure = from.lastFailure();
            cooldownUntil = from.cooldownUntil();
            tags = from.tags();
            note = from.note();
            createdAt = from.createdAt();
            lastUsedAt = from.lastUsedAt();
            lastSyncAt = from.lastSyncAt();
            lastAssetClearAt = from.lastAssetClearAt();
        }

        void setBucket(QuotaBucket bucket, Quota value) {
            if (bucket == QuotaBucket.HEAVY) {
                heavyQuota = value;
            } else {
                quota = value;
            }
        }

        GrokToken build() {
            TokenFailure failure = lastFailure == null
                    ? null
                    : new TokenFailure(lastFailure.code(), lastFailure.message(), millis(lastFailure.at()));
            return new GrokToken(
                    token,
                    ssoRw,
                    pool,
                    status,
                    quota,
                    heavyQuota,
                    useCount,
                    failCount,
                    failure,
                    millis(cooldownUntil),
                    tags,
                    note,
                    millis(createdAt),
                    millis(lastUsedAt),
                    millis(lastSyncAt),
                    millis(lastAssetClearAt));
        }
    }
}
