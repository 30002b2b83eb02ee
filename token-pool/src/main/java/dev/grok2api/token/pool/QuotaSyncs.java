package dev.grok2api.token.pool;

import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.upstream.RateLimits;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Quota syncs after successful calls, in the background. Requests for one account are coalesced: while a sync of the
 * account runs, further requests only mark it wanted again, and the running worker syncs once more afterwards. So at
 * most one sync per account runs at a time, their writes land in order, and the last sync always starts after the
 * last recorded use — the stored quota ends up as Grok reports it after every use. Across instances sharing a store,
 * each sync carries the use count it was started after, and the store drops one that a later use has overtaken (see
 * {@link QuotaChange.Synced#supersededBy}): the later use's sync lands instead, so an earlier, higher count never
 * overwrites it. Thread-safe.
 */
final class QuotaSyncs {
    private static final System.Logger LOG = System.getLogger(QuotaSyncs.class.getName());

    /** Per account: the model to sync each bucket with. Guarded by the map's per-key atomicity. */
    private final ConcurrentHashMap<String, Map<QuotaBucket, Wanted>> pending = new ConcurrentHashMap<>();

    private final TokenStore store;
    private final GrokUpstream upstream;
    private final CooldownPolicy policy;
    private final ConcurrencyLimit limit;
    private final InstantSource clock;
    private final IndexedTokenSelector.BackgroundTasks background;
    private final Consumer<GrokToken> onUpdate;

    /** What to sync: with which model, and the account as recorded after its latest use. */
    private record Wanted(String rateLimitModel, GrokToken account) {}

    QuotaSyncs(
            TokenStore store,
            GrokUpstream upstream,
            CooldownPolicy policy,
            ConcurrencyLimit limit,
            InstantSource clock,
            IndexedTokenSelector.BackgroundTasks background,
            Consumer<GrokToken> onUpdate) {
        this.store = store;
        this.upstream = upstream;
        this.policy = policy;
        this.limit = limit;
        this.clock = clock;
        this.background = background;
        this.onUpdate = onUpdate;
    }

    /** Asks for a sync of the model's bucket of the account after a use that was just recorded. */
    void request(GrokToken account, ModelSpec model) {
        boolean[] start = {false};
        pending.compute(account.token(), (token, wanted) -> {
            Map<QuotaBucket, Wanted> next = wanted;
            if (next == null) {
                next = new EnumMap<>(QuotaBucket.class);
                start[0] = true;
            }
            // Concurrent uses may ask out of order: the sync follows the latest use, or the store would drop it as
            // superseded and the bucket would keep its estimate.
            Wanted previous = next.get(model.quotaBucket());
            if (previous == null || previous.account().useCount() <= account.useCount()) {
                next.put(model.quotaBucket(), new Wanted(model.rateLimitModel(), account));
            }
            return next;
        });
        if (start[0] && !background.run(() -> drain(account.token()))) {
            pending.remove(account.token());
        }
    }

    private void drain(String token) {
        while (true) {
            Map<QuotaBucket, Wanted> batch = new EnumMap<>(QuotaBucket.class);
            pending.computeIfPresent(token, (key, wanted) -> {
                if (wanted.isEmpty()) {
                    return null;
                }
                batch.putAll(wanted);
                wanted.clear();
                return wanted;
            });
            if (batch.isEmpty()) {
                return;
            }
            batch.forEach((bucket, wanted) -> sync(token, bucket, wanted));
        }
    }

    private void sync(String token, QuotaBucket bucket, Wanted wanted) {
        RateLimits limits;
        try {
            limits = limit.call(() -> upstream.rateLimits(
                    wanted.rateLimitModel(), wanted.account().credential()));
        } catch (RuntimeException e) {
            // The local estimate recorded with the use stands.
            LOG.log(Level.DEBUG, "Quota sync failed; keeping the local estimate: " + e);
            coolDownIfExhausted(wanted.account(), bucket);
            return;
        }
        if (!limits.known()) {
            coolDownIfExhausted(wanted.account(), bucket);
            return;
        }
        Quota quota = new Quota(limits.remaining(), Math.max(Quota.UNKNOWN, limits.total()), limits.windowSeconds());
        try {
            store.recordSync(
                            token,
                            bucket,
                            new QuotaChange.Synced(quota, wanted.account().useCount()),
                            false,
                            clock.instant())
                    .ifPresent(account -> {
                        onUpdate.accept(account);
                        coolDownIfExhausted(account, bucket);
                    });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store a quota sync: " + e, e);
        }
    }

    /** An exhausted bucket cools the account until its window resets. */
    private void coolDownIfExhausted(GrokToken account, QuotaBucket bucket) {
        try {
            policy.afterSync(account, bucket, clock.instant())
                    .flatMap(cooldown -> cooldown.applyTo(store, account.token()))
                    .ifPresent(onUpdate);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not cool down an exhausted account: " + e, e);
        }
    }
}
