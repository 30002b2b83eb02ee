package dev.grok2api.token.pool;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.model.AccountTier;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A {@link TokenSelector} that reads the pool from the {@link TokenStore} on every pick and applies the reference
 * selection rules: basic pool first, super pool as fallback (heavy models: super only); normal bucket: active
 * accounts with quota left, most quota first, random among ties; heavy bucket: unknown heavy quota first, then most.
 *
 * <p>Outcomes: a success decrements the local quota estimate by the model's cost; invalid credentials count toward
 * {@code token.fail_threshold}; a blocked account is invalidated at once. Thread-safe.
 */
public final class StoreTokenSelector implements TokenSelector {
    private final TokenStore store;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final RandomGenerator random;

    public StoreTokenSelector(TokenStore store, SettingsSource settings, InstantSource clock, RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<TokenLease> acquire(TokenRequest request) {
        Instant now = clock.instant();
        List<GrokToken> all = store.listAll();
        List<TokenPool> pools = request.model().tier() == AccountTier.SUPER
                ? List.of(TokenPool.SUPER)
                : List.of(TokenPool.BASIC, TokenPool.SUPER);
        for (TokenPool pool : pools) {
            Optional<GrokToken> best = request.model().quotaBucket() == QuotaBucket.HEAVY
                    ? bestHeavy(all, pool, request, now)
                    : bestNormal(all, pool, request, now);
            if (best.isPresent()) {
                return Optional.of(new TokenLease(best.get(), request.model()));
            }
        }
        return Optional.empty();
    }

    private Optional<GrokToken> bestNormal(List<GrokToken> all, TokenPool pool, TokenRequest request, Instant now) {
        List<GrokToken> ties = new ArrayList<>();
        int best = Integer.MIN_VALUE;
        for (GrokToken token : all) {
            if (token.pool() != pool
                    || token.status() != TokenStatus.ACTIVE
                    || token.coolingAt(now)
                    || token.quota().exhausted()
                    || request.excluded().contains(token.token())) {
                continue;
            }
            // An unknown quota ranks like a full one: it has never been seen exhausted.
            int remaining = token.quota().known() ? token.quota().remaining() : Integer.MAX_VALUE;
            if (remaining > best) {
                best = remaining;
                ties.clear();
            }
            if (remaining == best) {
                ties.add(token);
            }
        }
        return pick(ties);
    }

    private Optional<GrokToken> bestHeavy(List<GrokToken> all, TokenPool pool, TokenRequest request, Instant now) {
        List<GrokToken> unknown = new ArrayList<>();
        List<GrokToken> ties = new ArrayList<>();
        int best = Integer.MIN_VALUE;
        for (GrokToken token : all) {
            boolean usable = token.status() == TokenStatus.ACTIVE || token.status() == TokenStatus.COOLING;
            if (token.pool() != pool
                    || !usable
                    || token.coolingAt(now)
                    || token.heavyQuota().exhausted()
                    || request.excluded().contains(token.token())) {
                continue;
            }
            if (!token.heavyQuota().known()) {
                unknown.add(token);
                continue;
            }
            int remaining = token.heavyQuota().remaining();
            if (remaining > best) {
                best = remaining;
                ties.clear();
            }
            if (remaining == best) {
                ties.add(token);
            }
        }
        return unknown.isEmpty() ? pick(ties) : pick(unknown);
    }

    private Optional<GrokToken> pick(List<GrokToken> candidates) {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    @Override
    public void reportSuccess(TokenLease lease) {
        store.recordSuccess(
                lease.token().token(),
                lease.model().quotaBucket(),
                new QuotaChange.Estimated(lease.model().cost()),
                clock.instant());
    }

    @Override
    public void reportFailure(TokenLease lease, Grok2ApiException error) {
        Instant now = clock.instant();
        TokenFailure failure = new TokenFailure(error.code(), error.publicMessage(), now);
        String token = lease.token().token();
        if (error instanceof AccountBlockedException) {
            store.invalidate(token, failure);
        } else if (error instanceof InvalidCredentialsException) {
            int threshold = Math.max(1, settings.current().intValue("token.fail_threshold"));
            store.recordFailure(token, failure, threshold);
        }
    }
}
