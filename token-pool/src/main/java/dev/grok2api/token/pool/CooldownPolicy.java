package dev.grok2api.token.pool;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What each outcome of a call to Grok means for the account that made it — the one place these rules live:
 *
 * <ul>
 *   <li>blocked account → invalid at once, with Grok's reason;
 *   <li>invalid credentials (401, or a credential marker on 400/403) → one counted failure; {@code
 *       token.fail_threshold} consecutive ones make the account invalid (a success resets the count);
 *   <li>rate limited (429) → cooldown until the quota window resets: Grok's {@code Retry-After} when sent, else the
 *       window the last rate-limit answer reported, else {@link #DEFAULT_WINDOW};
 *   <li>Grok 5xx and empty answers → a short backoff ({@link #SHORT_BACKOFF});
 *   <li>Cloudflare challenges, anti-bot rejections, timeouts, network errors, moderation and bad requests → no
 *       penalty: they are about the gateway's network or the request, not the account.
 * </ul>
 *
 * <p>A bucket found exhausted after a success or a sync cools the account until its window resets ({@link
 * #afterSync}). A cooling account whose cooldown has passed is presumed to have a fresh window and is tried again;
 * its first success (or a sync) records the truth. Thread-safe (stateless apart from the settings source).
 */
public final class CooldownPolicy {
    /** Backoff after a Grok 5xx or an empty answer. */
    public static final Duration SHORT_BACKOFF = Duration.ofSeconds(30);
    /** Cooldown after a 429 when neither Grok's hint nor the account's window is known (the TS reference's 1 h). */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** Longest cooldown ever applied, whatever Grok says. */
    public static final Duration MAX_COOLDOWN = Duration.ofHours(24);
    /** Failure code recorded when a synced or estimated quota reaches zero. */
    public static final String QUOTA_EXHAUSTED = "quota_exhausted";

    private final SettingsSource settings;

    /** @param settings supplies {@code token.fail_threshold}, read at every failure */
    public CooldownPolicy(SettingsSource settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What to do to an account. */
    public sealed interface Penalty {
        /**
         * Applies the penalty with the store's atomic operation.
         *
         * @return the record as stored afterwards; empty when there was nothing to do or the token is unknown
         */
        Optional<GrokToken> applyTo(TokenStore store, String token);

        /** The same effect on a record in memory, for when the store cannot be reached. */
        GrokToken applyLocally(GrokToken token);
    }

    /** Leave the account alone. */
    public record None() implements Penalty {
        @Override
        public Optional<GrokToken> applyTo(TokenStore store, String token) {
            return Optional.empty();
        }

        @Override
        public GrokToken applyLocally(GrokToken token) {
            return token;
        }
    }

    /** Count a failure; at {@code threshold} the account becomes invalid. */
    public record CountFailure(TokenFailure failure, int threshold) implements Penalty {
        @Override
        public Optional<GrokToken> applyTo(TokenStore store, String token) {
            return store.recordFailure(token, failure, threshold);
        }

        @Override
        public GrokToken applyLocally(GrokToken token) {
            return TokenTransitions.recordFailure(token, failure, threshold);
        }
    }

    /** Mark the account invalid now. */
    public record Invalidate(TokenFailure reason) implements Penalty {
        @Override
        public Optional<GrokToken> applyTo(TokenStore store, String token) {
            return store.invalidate(token, reason);
        }

        @Override
        public GrokToken applyLocally(GrokToken token) {
            return TokenTransitions.invalidate(token, reason);
        }
    }

    /** Skip the account until {@code until}. */
    public record CoolDown(Instant until, TokenFailure reason) implements Penalty {
        @Override
        public Optional<GrokToken> applyTo(TokenStore store, String token) {
            return store.coolDown(token, until, reason);
        }

        @Override
        public GrokToken applyLocally(GrokToken token) {
            return TokenTransitions.coolDown(token, until, reason);
        }
    }

    /**
     * The penalty for a failed call.
     *
     * @param token the account as last known
     * @param bucket the quota bucket the call drew from
     * @param error what the call failed with
     * @param now the current instant
     */
    public Penalty onFailure(GrokToken token, QuotaBucket bucket, Grok2ApiException error, Instant now) {
        TokenFailure failure = new TokenFailure(error.code(), reason(error), now);
        return switch (error) {
            case AccountBlockedException blocked -> new Invalidate(failure);
            case InvalidCredentialsException invalid ->
                new CountFailure(failure, PoolSettings.from(settings.current()).failThreshold());
            case UpstreamRateLimitedException limited ->
                new CoolDown(now.plus(rateLimitCooldown(token, bucket, limited.retryAfter())), failure);
            case UpstreamUnavailableException unavailable
            when unavailable.upstreamStatus() >= 500 -> new CoolDown(now.plus(SHORT_BACKOFF), failure);
            case UpstreamStreamException stream
            when stream.code().equals("empty_response") -> new CoolDown(now.plus(SHORT_BACKOFF), failure);
            default -> new None();
        };
    }

    /**
     * The cooldown an account needs after a success or a sync left it as {@code account}: when the bucket is known
     * to be exhausted and no cooldown is in force, until its window resets.
     *
     * @return the cooldown, or empty when the account may keep serving
     */
    public Optional<CoolDown> afterSync(GrokToken account, QuotaBucket bucket, Instant now) {
        Quota quota = bucket == QuotaBucket.HEAVY ? account.heavyQuota() : account.quota();
        if (!quota.exhausted() || account.coolingAt(now)) {
            return Optional.empty();
        }
        Duration window = quota.windowSeconds() > 0 ? Duration.ofSeconds(quota.windowSeconds()) : DEFAULT_WINDOW;
        Duration cooldown = window.compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : window;
        String message = "Grok reports no " + (bucket == QuotaBucket.HEAVY ? "heavy " : "") + "queries left in this"
                + " account's window; it is skipped until " + now.plus(cooldown) + " or until a refresh shows quota.";
        return Optional.of(new CoolDown(now.plus(cooldown), new TokenFailure(QUOTA_EXHAUSTED, message, now)));
    }

    private static Duration rateLimitCooldown(GrokToken token, QuotaBucket bucket, Duration retryAfter) {
        Duration cooldown;
        if (retryAfter != null) {
            cooldown = retryAfter;
        } else {
            Quota quota = bucket == QuotaBucket.HEAVY ? token.heavyQuota() : token.quota();
            cooldown = quota.windowSeconds() > 0 ? Duration.ofSeconds(quota.windowSeconds()) : DEFAULT_WINDOW;
        }
        if (cooldown.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return cooldown.compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : cooldown;
    }

    /** The operator-facing reason: the public message plus Grok's own words (already secret-free). */
    private static String reason(Grok2ApiException error) {
        return error.getMessage() == null ? error.publicMessage() : error.getMessage();
    }
}
