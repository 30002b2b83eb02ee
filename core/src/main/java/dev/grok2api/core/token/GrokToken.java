package dev.grok2api.core.token;

import dev.grok2api.core.secret.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Grok account in the pool, identified by its {@code sso} cookie value.
 *
 * @param token the {@code sso} value without any {@code sso=} prefix; the identity of the record
 * @param ssoRw the {@code sso-rw} value when it differs from {@code token}, or null
 * @param pool which pool it serves
 * @param status lifecycle state
 * @param quota the normal quota bucket
 * @param heavyQuota the heavy quota bucket (SuperGrok only)
 * @param useCount successful uses
 * @param failCount consecutive counted failures (reset by a success)
 * @param lastFailure the last recorded failure, or null
 * @param cooldownUntil the account is skipped until this instant, or null
 * @param tags operator labels, never null
 * @param note operator note, never null
 * @param createdAt when it was added
 * @param lastUsedAt last successful use, or null
 * @param lastSyncAt last quota sync with Grok, or null
 * @param lastAssetClearAt last purge of its online assets, or null
 */
public record GrokToken(
        String token,
        String ssoRw,
        TokenPool pool,
        TokenStatus status,
        Quota quota,
        Quota heavyQuota,
        int useCount,
        int failCount,
        TokenFailure lastFailure,
        Instant cooldownUntil,
        List<String> tags,
        String note,
        Instant createdAt,
        Instant lastUsedAt,
        Instant lastSyncAt,
        Instant lastAssetClearAt) {
    public GrokToken {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(heavyQuota, "heavyQuota");
        tags = List.copyOf(tags);
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(createdAt, "createdAt");
        if (token.equals(ssoRw)) {
            ssoRw = null;
        }
    }

    /** A freshly added account with the reference defaults: active, 80 normal queries, unknown heavy quota. */
    public static GrokToken newAccount(SsoCredential credential, TokenPool pool, Instant now) {
        return new GrokToken(
                credential.sso(),
                credential.ssoRw(),
                pool,
                TokenStatus.ACTIVE,
                Quota.NEW_ACCOUNT,
                Quota.UNKNOWN_QUOTA,
                0,
                0,
                null,
                null,
                List.of(),
                "",
                now,
                null,
                null,
                null);
    }

    /** The credential used to call Grok as this account. */
    public SsoCredential credential() {
        return new SsoCredential(token, ssoRw == null ? token : ssoRw);
    }

    /** Whether a cooldown is in force at {@code now}. */
    public boolean coolingAt(Instant now) {
        return cooldownUntil != null && cooldownUntil.isAfter(now);
    }

    /** The token with all but its first and last few characters masked, for logs and list views. */
    public String masked() {
        return Secrets.mask(token);
    }

    @Override
    public String toString() {
        return "GrokToken[" + masked() + ", " + pool.wireName() + ", " + status.wireName() + "]";
    }
}
