package dev.grok2api.token.pool;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes the quota of accounts that need it, every {@code token.refresh_interval_hours}, on one instance of the
 * cluster at a time: accounts that are cooling, or whose quota is unknown or was never synced, and that were not
 * synced within the interval. Runs as a {@link TokenRefreshJobs#QUOTA} job, so operators see its progress with the
 * other jobs, with the instance's quota-query concurrency.
 *
 * <p>The settings are read at every {@link #tick()}: {@code token.auto_refresh = false} pauses it and a new interval
 * applies from the next tick, without a restart. The cluster lock {@value #LOCK} is taken for a whole interval and
 * not released after the run (nor at shutdown), so one run per interval happens across instances and restarts; the
 * holder renews it for its next run, and another instance takes over when a holder stops.
 *
 * <p>Thread-safe; ticks do not overlap (the timer runs them on one thread, direct callers must not overlap them).
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RefreshScheduler.class.getName());
    /** Name of the cluster lock. */
    public static final String LOCK = "token_refresh";
    /** How often the timer checks whether a run is due. */
    public static final Duration TICK = Duration.ofMinutes(1);

    private final TokenStore store;
    private final TokenRefreshJobs jobs;
    private final LockService locks;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final String owner;
    private volatile Instant lastRun;
    private volatile ScheduledFuture<?> timer;

    /** What a tick did. */
    public enum Outcome {
        /** {@code token.auto_refresh} is off. */
        DISABLED,
        /** The interval has not elapsed since this instance's last run. */
        NOT_DUE,
        /** Another instance holds the lock for this interval. */
        LOCKED,
        /** The refresh ran. */
        RAN
    }

    /**
     * What a tick did.
     *
     * @param outcome whether it ran
     * @param job the refresh job when it ran, else null
     */
    public record Report(Outcome outcome, Job job) {}

    /**
     * @param store the pool
     * @param jobs runs the refresh
     * @param locks the cluster's locks
     * @param settings read at every tick
     * @param clock time source
     * @param owner this instance's lock owner id, unique in the cluster
     */
    public RefreshScheduler(
            TokenStore store,
            TokenRefreshJobs jobs,
            LockService locks,
            SettingsSource settings,
            InstantSource clock,
            String owner) {
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Checks every {@link #TICK} on the timer's thread, starting one tick from now. */
    public void start(ScheduledExecutorService executor) {
        long period = TICK.toMillis();
        timer = executor.scheduleWithFixedDelay(this::safeTick, period, period, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            Report report = tick();
            if (report.outcome() == Outcome.RAN) {
                Job job = report.job();
                LOG.log(
                        Level.INFO,
                        "Token refresh: " + job.total() + " checked, " + job.succeeded() + " refreshed, " + job.failed()
                                + " failed, " + job.counter("invalid") + " invalid");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token refresh failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the refresh when it is due and the cluster lock is free, and waits for it to finish.
     *
     * @throws InterruptedException when interrupted while waiting for the refresh
     */
    public Report tick() throws InterruptedException {
        PoolSettings pool = PoolSettings.from(settings.current());
        if (!pool.autoRefresh()) {
            return new Report(Outcome.DISABLED, null);
        }
        Duration interval = pool.refreshInterval();
        Instant now = clock.instant();
        Instant last = lastRun;
        if (last != null && now.isBefore(last.plus(interval))) {
            return new Report(Outcome.NOT_DUE, null);
        }
        if (locks.tryAcquire(LOCK, owner, interval, now).isEmpty()) {
            return new Report(Outcome.LOCKED, null);
        }
        lastRun = now;
        List<String> targets = store.listAll().stream()
                .filter(t -> due(t, now, interval))
                .map(GrokToken::token)
                .toList();
        Job job = jobs.refreshQuota(targets, false);
        return new Report(Outcome.RAN, jobs.await(job.id(), interval));
    }

    /** Cooling, or quota unknown or never synced — and not synced within the interval. */
    static boolean due(GrokToken token, Instant now, Duration interval) {
        if (token.status() == TokenStatus.INVALID || token.status() == TokenStatus.DISABLED) {
            return false;
        }
        boolean cooling = token.status() == TokenStatus.COOLING || token.coolingAt(now);
        boolean unknown = token.lastSyncAt() == null
                || !token.quota().known()
                || (token.pool() == TokenPool.SUPER && !token.heavyQuota().known());
        boolean stale =
                token.lastSyncAt() == null || !token.lastSyncAt().plus(interval).isAfter(now);
        return (cooling || unknown) && stale;
    }

    /** Stops the timer (a running refresh finishes on its own). */
    @Override
    public void close() {
        ScheduledFuture<?> running = timer;
        if (running != null) {
            running.cancel(false);
        }
    }
}
