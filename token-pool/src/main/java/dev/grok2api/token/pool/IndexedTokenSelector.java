package dev.grok2api.token.pool;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenChangeListener;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The gateway's {@link TokenSelector}: picks from an in-memory {@link PoolIndex} (no store access per pick) and applies
 * the {@link CooldownPolicy} to every outcome through the store's atomic operations.
 *
 * <p><b>Selection.</b> Heavy models use the super pool only; every other model the basic pool first, then the super
 * pool. Within a pool: accounts that are invalid, disabled, cooling down or out of quota in the model's bucket are
 * skipped; the most remaining quota wins (unknown counts as most), random among equals. With {@code
 * token.sticky_sessions} (default true) a conversation keeps the account that served it while that account is usable,
 * so Grok's context is not lost.
 *
 * <p><b>Outcomes.</b> A success counts the use at once with a local quota estimate (the model's cost), then asks Grok
 * for the real quota in the background ({@link QuotaSyncs}: bounded by {@code performance.usage_max_concurrent}, and
 * per account the last sync always follows the last use). A failure is applied synchronously, so the account is
 * routed around before the caller tries the next one.
 *
 * <p><b>Staying in sync with the store.</b> Outcomes, refreshes and this instance's admin edits update the index
 * directly. Other instances' writes are followed through the store's change feed: at most once a second, in the
 * background, the change marker is compared and, when it moved, the accounts added or updated since are read ({@link
 * TokenStore#changesSince}) and put into the index. When the feed cannot tell the changes one by one (accounts
 * deleted, or more than {@value #BULK_CHANGE} changed), the whole pool is reloaded — no more often than twenty times
 * the last reload's duration, so reloading a large pool never takes more than a small share of a core; {@code
 * token.reload_interval_sec} bounds the age of the index regardless. Picks never wait for a reload.
 *
 * <p>Thread-safe. {@link #close()} waits for background syncs so no recorded quota is lost at shutdown.
 */
public final class IndexedTokenSelector implements TokenSelector, TokenChangeListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IndexedTokenSelector.class.getName());
    /** How often the store's change marker is compared. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Above this many changed accounts, {@link #changed} reloads everything instead of re-reading each. */
    static final int BULK_CHANGE = 500;

    private static final int RELOAD_COST_FACTOR = 20;

    private final TokenStore store;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final CooldownPolicy policy;
    private final PoolIndex index;
    private final ExecutorService ownedExecutor;
    private final BackgroundTasks background;
    private final QuotaSyncs syncs;
    private final Object loadLock = new Object();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean loaded;
    private volatile long seenMarker;
    private volatile Instant lastCheck = Instant.MIN;
    private volatile Instant lastReload = Instant.MIN;
    private volatile Duration lastReloadCost = Duration.ZERO;
    private volatile ReadSettings readSettings;

    /** The pool settings read from one snapshot, so a new snapshot is parsed once, not per pick. */
    private record ReadSettings(Settings source, PoolSettings pool) {}

    private IndexedTokenSelector(Builder b) {
        this.store = b.store;
        this.settings = b.settings;
        this.clock = b.clock;
        this.policy = b.policy != null ? b.policy : new CooldownPolicy(b.settings);
        this.index = new PoolIndex(b.random);
        this.ownedExecutor = b.executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.background = new BackgroundTasks(b.executor != null ? b.executor : ownedExecutor);
        ConcurrencyLimit limit = b.quotaLimit != null
                ? b.quotaLimit
                : new ConcurrencyLimit(() -> poolSettings().quotaConcurrency(), "a quota query");
        this.syncs = new QuotaSyncs(store, b.upstream, policy, limit, clock, background, this::updated);
    }

    /**
     * A builder.
     *
     * @param store the pool
     * @param upstream Grok, for quota syncs after successes
     * @param settings read per pick and per outcome, so changes apply at once
     */
    public static Builder builder(TokenStore store, GrokUpstream upstream, SettingsSource settings) {
        return new Builder(store, upstream, settings);
    }

    /** Builds an {@link IndexedTokenSelector}. Not thread-safe. */
    public static final class Builder {
        private final TokenStore store;
        private final GrokUpstream upstream;
        private final SettingsSource settings;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = new SplittableRandom();
        private Executor executor;
        private CooldownPolicy policy;
        private ConcurrencyLimit quotaLimit;

        private Builder(TokenStore store, GrokUpstream upstream, SettingsSource settings) {
            this.store = Objects.requireNonNull(store, "store");
            this.upstream = Objects.requireNonNull(upstream, "upstream");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Time source (default: the system clock). */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Tie-break randomness; used under the index lock only (default: a {@link SplittableRandom}). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Runs background syncs and reloads (default: a virtual thread per task, owned and shut down by the
         * selector). A given executor is not shut down by {@link #close()}; tests pass {@code Runnable::run} to make
         * every background step happen inline.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** The outcome rules (default: {@code new CooldownPolicy(settings)}). */
        public Builder policy(CooldownPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /** The quota-query limit to share with refreshers (default: a new one over {@code usage_max_concurrent}). */
        public Builder quotaLimit(ConcurrencyLimit value) {
            this.quotaLimit = Objects.requireNonNull(value, "quotaLimit");
            return this;
        }

        public IndexedTokenSelector build() {
            return new IndexedTokenSelector(this);
        }
    }

    // ---- picking --------------------------------------------------------------------------------------------

    @Override
    public Optional<TokenLease> acquire(TokenRequest request) {
        Instant now = clock.instant();
        ensureLoaded();
        maybeCheckForChanges(now);
        GrokToken token = index.pick(request, now, poolSettings().stickySessions());
        return token == null ? Optional.empty() : Optional.of(new TokenLease(token, request.model()));
    }

    private PoolSettings poolSettings() {
        Settings current = settings.current();
        ReadSettings read = readSettings;
        if (read == null || read.source() != current) {
            read = new ReadSettings(current, PoolSettings.from(current));
            readSettings = read;
        }
        return read.pool();
    }

    // ---- outcomes -------------------------------------------------------------------------------------------

    @Override
    public void reportSuccess(TokenLease lease) {
        Instant now = clock.instant();
        String token = lease.token().token();
        try {
            Optional<GrokToken> updated = store.recordSuccess(
                    token,
                    lease.model().quotaBucket(),
                    new QuotaChange.Estimated(lease.model().cost()),
                    now);
            updated.ifPresent(account -> {
                index.put(account, now);
                syncs.request(account, lease.model());
            });
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not record a success of " + lease.token().masked() + ": " + e,
                    e);
        }
    }

    @Override
    public void reportFailure(TokenLease lease, Grok2ApiException error) {
        Instant now = clock.instant();
        String token = lease.token().token();
        GrokToken known = index.get(token).orElse(lease.token());
        CooldownPolicy.Penalty penalty = policy.onFailure(known, lease.model().quotaBucket(), error, now);
        if (penalty instanceof CooldownPolicy.None) {
            return;
        }
        try {
            penalty.applyTo(store, token).ifPresent(account -> index.put(account, now));
        } catch (RuntimeException e) {
            // Route around the account on this instance at least; the store learns at its next failure.
            index.put(penalty.applyLocally(known), now);
            LOG.log(Level.WARNING, "Could not record a failure of " + known.masked() + ": " + e, e);
        }
    }

    // ---- following changes ----------------------------------------------------------------------------------

    /** An account changed outside this selector (e.g. by a refresh); the index follows at once. */
    public void updated(GrokToken account) {
        index.put(account, clock.instant());
    }

    /** Accounts an operator added, edited or deleted here: re-read them (or everything, after a bulk change). */
    @Override
    public void changed(Collection<String> tokens) {
        try {
            if (tokens.size() > BULK_CHANGE) {
                reload();
                return;
            }
            Instant now = clock.instant();
            for (String token : tokens) {
                Optional<GrokToken> account = store.find(token);
                if (account.isPresent()) {
                    index.put(account.get(), now);
                } else {
                    index.remove(token);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not follow admin changes; the next reload will: " + e, e);
        }
    }

    /** How many accounts the index holds (for diagnostics). */
    public int indexedAccounts() {
        ensureLoaded();
        return index.size();
    }

    private void ensureLoaded() {
        if (!loaded) {
            synchronized (loadLock) {
                if (!loaded) {
                    reload();
                }
            }
        }
    }

    private void maybeCheckForChanges(Instant now) {
        if (now.isBefore(lastCheck.plus(CHECK_INTERVAL)) || !checking.compareAndSet(false, true)) {
            return;
        }
        lastCheck = now;
        boolean started = background.run(() -> {
            try {
                checkForChanges(now);
            } finally {
                checking.set(false);
            }
        });
        if (!started) {
            checking.set(false);
        }
    }

    private void checkForChanges(Instant now) {
        try {
            Duration reloadInterval = poolSettings().reloadInterval();
            if (!reloadInterval.isZero() && !now.isBefore(lastReload.plus(reloadInterval))) {
                reload();
                return;
            }
            long seen = seenMarker;
            if (store.changeMarker() == seen) {
                return;
            }
            long readAfter = index.version();
            TokenChanges changes = store.changesSince(seen, BULK_CHANGE);
            if (changes.complete()) {
                index.follow(changes.changed(), clock.instant(), readAfter);
                seenMarker = changes.position();
                return;
            }
            Duration gap = max(CHECK_INTERVAL, lastReloadCost.multipliedBy(RELOAD_COST_FACTOR));
            if (!now.isBefore(lastReload.plus(gap))) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not check the token store for changes: " + e, e);
        }
    }

    /** Reads the whole pool. The marker is read first, so a write racing the read triggers another reload. */
    private void reload() {
        long readAfter = index.version();
        long marker = store.changeMarker();
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        var all = store.listAll();
        index.replaceAll(all, clock.instant(), readAfter);
        seenMarker = marker;
        lastReload = started;
        lastReloadCost = Duration.ofNanos(System.nanoTime() - startedNanos);
        loaded = true;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /**
     * Waits until every background sync and reload started so far has finished.
     *
     * @return whether they finished within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return background.awaitIdle(timeout);
    }

    /** Stops starting background work, waits up to 10 s for what is running, and shuts down an owned executor. */
    @Override
    public void close() {
        background.stop();
        try {
            if (!background.awaitIdle(Duration.ofSeconds(10))) {
                LOG.log(Level.WARNING, "Some quota syncs were still running at shutdown; their results are lost.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
        }
    }

    /** Tracks background tasks so shutdown and tests can wait for them. */
    static final class BackgroundTasks {
        private final Executor executor;
        private final Object monitor = new Object();
        private int running;
        private boolean stopped;

        BackgroundTasks(Executor executor) {
            this.executor = executor;
        }

        /** Runs the task in the background; false when stopped or the executor refused it. */
        boolean run(Runnable task) {
            synchronized (monitor) {
                if (stopped) {
                    return false;
                }
                running++;
            }
            try {
                executor.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        done();
                    }
                });
                return true;
            } catch (RejectedExecutionException e) {
                done();
                return false;
            }
        }

        private void done() {
            synchronized (monitor) {
                running--;
                monitor.notifyAll();
            }
        }

        void stop() {
            synchronized (monitor) {
                stopped = true;
            }
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (monitor) {
                while (running > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    monitor.wait(Math.max(1, left / 1_000_000));
                }
                return true;
            }
        }
    }
}
