package dev.grok2api.core.service;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.usage.QuotaDay;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Retention: deletes statistics older than {@value #HOURLY_RETENTION_HOURS} hours / {@value #DAILY_RETENTION_DAYS}
 * days (the reference's windows), request log rows older than {@code stats.request_log_retention_days}, per-key usage
 * older than {@code stats.usage_retention_days}, and expired admin sessions. One instance at a time does it (a named
 * lock), so a fleet sharing a store does the work once. The owner calls {@link #runOnce()} periodically. Thread-safe.
 */
public final class MaintenanceService {
    /** Hours of hourly statistics kept. */
    public static final int HOURLY_RETENTION_HOURS = 48;

    /** Days of daily statistics kept. */
    public static final int DAILY_RETENTION_DAYS = 30;

    /** The name of the lock that keeps two instances from pruning at once. */
    public static final String LOCK = "maintenance";

    private static final Duration LOCK_TTL = Duration.ofMinutes(10);

    private final StatsStore stats;
    private final RequestLogStore log;
    private final UsageStore usage;
    private final SessionStore sessions;
    private final LockService locks;
    private final QuotaDay quotaDay;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final String owner;

    /**
     * What one run deleted.
     *
     * @param statsBuckets hourly and daily statistics buckets
     * @param requestLogRows request log rows
     * @param usageRecords per-key daily usage records
     * @param sessions expired sessions
     */
    public record Result(int statsBuckets, int requestLogRows, int usageRecords, int sessions) {
        /** A run that did nothing (another instance held the lock). */
        public static final Result SKIPPED = new Result(0, 0, 0, 0);
    }

    /**
     * @param owner this instance's id for the lock
     */
    public MaintenanceService(
            StatsStore stats,
            RequestLogStore log,
            UsageStore usage,
            SessionStore sessions,
            LockService locks,
            QuotaDay quotaDay,
            SettingsSource settings,
            InstantSource clock,
            String owner) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.quotaDay = Objects.requireNonNull(quotaDay, "quotaDay");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * Deletes what is past retention, unless another instance is doing it right now.
     *
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the store cannot be reached
     */
    public Result runOnce() {
        Instant now = clock.instant();
        if (locks.tryAcquire(LOCK, owner, LOCK_TTL, now).isEmpty()) {
            return Result.SKIPPED;
        }
        try {
            Settings current = settings.current();
            LocalDate today = quotaDay.dayOf(now);
            int buckets = stats.prune(
                    now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURLY_RETENTION_HOURS - 1L)),
                    today.minusDays(DAILY_RETENTION_DAYS - 1L));
            int rows =
                    log.pruneBefore(now.minus(Duration.ofDays(current.longValue("stats.request_log_retention_days"))));
            int records = usage.pruneBefore(today.minusDays(current.longValue("stats.usage_retention_days")));
            int expired = sessions.purgeExpired(now);
            return new Result(buckets, rows, records, expired);
        } finally {
            locks.release(LOCK, owner);
        }
    }
}
