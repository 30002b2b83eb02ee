package dev.grok2api.token.pool;

import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenRefresher;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.QuotaRefreshResult;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.upstream.RateLimits;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Refreshes accounts on demand (admin jobs) and for the {@link RefreshScheduler}: quota syncs through Grok's
 * rate-limit endpoint, and the account-settings flow. Quota queries share the instance's {@link ConcurrencyLimit};
 * failures go through the {@link CooldownPolicy}. Every record it writes is handed to {@code onUpdate} (the selection
 * index). Thread-safe.
 */
public final class GrokTokenRefresher implements TokenRefresher {
    /** Rate-limit model whose quota a refresh reads for the normal bucket (as the reference's admin refresh). */
    public static final String NORMAL_QUOTA_MODEL = "grok-3";
    /** Rate-limit model of the heavy bucket, queried for SuperGrok accounts. */
    public static final String HEAVY_QUOTA_MODEL = "grok-4-heavy";
    /** Failure code of an exhausted account-settings refresh. */
    public static final String ACCOUNT_SETTINGS_FAILED = "account_settings_refresh_failed";

    private static final String[] STEPS = {"tos", "birth", "nsfw"};

    private final TokenStore store;
    private final GrokUpstream upstream;
    private final CooldownPolicy policy;
    private final ConcurrencyLimit limit;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Consumer<GrokToken> onUpdate;

    /**
     * @param store the pool
     * @param upstream Grok
     * @param policy failure rules shared with the selector
     * @param limit the instance's quota-query limit
     * @param clock time source
     * @param random birth-date source; called concurrently, so pass a thread-safe generator
     * @param onUpdate receives every record written (e.g. {@link IndexedTokenSelector#updated})
     */
    public GrokTokenRefresher(
            TokenStore store,
            GrokUpstream upstream,
            CooldownPolicy policy,
            ConcurrencyLimit limit,
            InstantSource clock,
            RandomGenerator random,
            Consumer<GrokToken> onUpdate) {
        this.store = Objects.requireNonNull(store, "store");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.onUpdate = Objects.requireNonNull(onUpdate, "onUpdate");
    }

    // ---- quota ----------------------------------------------------------------------------------------------

    @Override
    public QuotaRefreshResult refreshQuota(String token) {
        Optional<GrokToken> found = store.find(token);
        if (found.isEmpty()) {
            return new QuotaRefreshResult(token, false, null, "No such token in the pool.");
        }
        GrokToken account = found.get();
        QuotaRefreshResult result = sync(account, QuotaBucket.NORMAL, NORMAL_QUOTA_MODEL);
        if (result.ok() && account.pool() == TokenPool.SUPER) {
            result = sync(result.account(), QuotaBucket.HEAVY, HEAVY_QUOTA_MODEL);
        }
        if (result.ok()) {
            result = settle(result);
        }
        return result;
    }

    private QuotaRefreshResult sync(GrokToken account, QuotaBucket bucket, String model) {
        Instant now = clock.instant();
        RateLimits limits;
        try {
            limits = limit.call(() -> upstream.rateLimits(model, account.credential()));
        } catch (Grok2ApiException e) {
            Optional<GrokToken> after =
                    policy.onFailure(account, bucket, e, now).applyTo(store, account.token());
            after.ifPresent(onUpdate);
            return new QuotaRefreshResult(account.token(), false, after.orElse(account), e.publicMessage());
        }
        if (!limits.known()) {
            return new QuotaRefreshResult(
                    account.token(), false, account, "Grok's rate-limit answer did not include the remaining quota.");
        }
        Quota quota = new Quota(limits.remaining(), Math.max(Quota.UNKNOWN, limits.total()), limits.windowSeconds());
        return store.recordSync(account.token(), bucket, new QuotaChange.Synced(quota), true, now)
                .map(updated -> {
                    onUpdate.accept(updated);
                    return new QuotaRefreshResult(account.token(), true, updated, null);
                })
                .orElseGet(() -> new QuotaRefreshResult(account.token(), false, null, "No such token in the pool."));
    }

    /**
     * After a successful sync the credential is proven: with normal quota left, a cooldown in force ends and the
     * failure count resets; with none left, the account cools until its window resets.
     */
    private QuotaRefreshResult settle(QuotaRefreshResult synced) {
        GrokToken account = synced.account();
        Instant now = clock.instant();
        Optional<GrokToken> after;
        if (account.status() == TokenStatus.DISABLED || account.status() == TokenStatus.INVALID) {
            // switched off by the operator, or still invalid (no quota to revive it with): nothing more to do
            after = Optional.empty();
        } else if (!account.quota().exhausted() && (account.coolingAt(now) || account.failCount() > 0)) {
            TokenEdit edit = TokenEdit.none().withClearedCooldown();
            after = store.edit(
                    account.token(),
                    account.status() == TokenStatus.COOLING ? edit.withStatus(TokenStatus.ACTIVE) : edit);
        } else {
            after = policy.afterSync(account, QuotaBucket.NORMAL, now).flatMap(c -> c.applyTo(store, account.token()));
        }
        after.ifPresent(onUpdate);
        return after.map(a -> new QuotaRefreshResult(a.token(), true, a, null)).orElse(synced);
    }

    // ---- account settings -----------------------------------------------------------------------------------

    @Override
    public AccountSettingsResult refreshAccountSettings(String token, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        Optional<GrokToken> found = store.find(token);
        if (found.isEmpty()) {
            return new AccountSettingsResult(token, false, 0, "lookup", "No such token in the pool.", false);
        }
        GrokToken account = found.get();
        SsoCredential credential = account.credential();
        int step = 0;
        int attempts = 0;
        RuntimeException lastError = null;
        while (step < STEPS.length && attempts <= retries) {
            attempts++;
            try {
                // A retry resumes at the step that failed: the earlier ones are done.
                for (; step < STEPS.length; step++) {
                    runStep(STEPS[step], credential);
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
        }
        if (step == STEPS.length) {
            reviveAfterSettingsFailure(account);
            return new AccountSettingsResult(token, true, attempts, null, null, false);
        }
        String stepName = lastError instanceof Grok2ApiException ? STEPS[step] : "exception";
        String error = describe(lastError);
        boolean blameAccount = isAccountsFault(lastError);
        if (blameAccount) {
            String message =
                    ACCOUNT_SETTINGS_FAILED + " step=" + stepName + " attempts=" + attempts + " error=" + error;
            store.invalidate(token, new TokenFailure(ACCOUNT_SETTINGS_FAILED, message, clock.instant()))
                    .ifPresent(onUpdate);
        }
        return new AccountSettingsResult(token, false, attempts, stepName, error, blameAccount);
    }

    private void runStep(String step, SsoCredential credential) {
        switch (step) {
            case "tos" -> upstream.acceptTermsOfService(credential);
            case "birth" -> {
                try {
                    upstream.setBirthDate(credential, randomBirthDate());
                } catch (UpstreamRateLimitedException e) {
                    // Grok refuses to change a birth date set before: the age gate is passed already.
                    if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("birth-date-change-limit")) {
                        throw e;
                    }
                }
            }
            case "nsfw" -> upstream.enableNsfw(credential);
            default -> throw new IllegalStateException("unknown step " + step);
        }
    }

    /** A birth date for an age of 20 to 40 years, on day 1 to 28 of a month. */
    LocalDate randomBirthDate() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int age = 20 + random.nextInt(21);
        return LocalDate.of(today.getYear() - age, 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    /** An account this flow invalidated earlier is usable again once the flow succeeds. */
    private void reviveAfterSettingsFailure(GrokToken account) {
        if (account.status() == TokenStatus.INVALID
                && account.lastFailure() != null
                && ACCOUNT_SETTINGS_FAILED.equals(account.lastFailure().code())) {
            store.edit(
                            account.token(),
                            TokenEdit.none().withStatus(TokenStatus.ACTIVE).withClearedCooldown())
                    .ifPresent(onUpdate);
        }
    }

    /** Failures of the gateway's network or of Grok itself are not the account's fault and never invalidate it. */
    private static boolean isAccountsFault(RuntimeException error) {
        return error instanceof Grok2ApiException
                && !(error instanceof CloudflareChallengeException
                        || error instanceof AntiBotRejectedException
                        || error instanceof UpstreamTimeoutException
                        || error instanceof UpstreamUnavailableException);
    }

    private static String describe(RuntimeException error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
