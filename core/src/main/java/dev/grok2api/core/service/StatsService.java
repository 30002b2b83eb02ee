package dev.grok2api.core.service;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.RequestStatsReport;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.usage.QuotaDay;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the admin data center shows: request statistics, the pool's token counts and the request log. Thread-safe.
 */
public final class StatsService {
    /** Models listed in the report. */
    public static final int TOP_MODELS = 10;

    private final StatsStore stats;
    private final RequestLogStore log;
    private final TokenStore tokens;
    private final QuotaDay quotaDay;
    private final InstantSource clock;

    public StatsService(
            StatsStore stats, RequestLogStore log, TokenStore tokens, QuotaDay quotaDay, InstantSource clock) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.quotaDay = Objects.requireNonNull(quotaDay, "quotaDay");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The last {@code hours} hours (the current one included) and the last {@code days} quota days (today
     * included). Unlike the reference, the summary covers exactly the hours shown.
     *
     * @throws IllegalArgumentException when hours is outside 1..48 or days outside 1..30 (the retention)
     */
    public RequestStatsReport report(int hours, int days) {
        if (hours < 1 || hours > MaintenanceService.HOURLY_RETENTION_HOURS) {
            throw new IllegalArgumentException("hours must be 1.." + MaintenanceService.HOURLY_RETENTION_HOURS);
        }
        if (days < 1 || days > MaintenanceService.DAILY_RETENTION_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MaintenanceService.DAILY_RETENTION_DAYS);
        }
        Instant now = clock.instant();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1));
        Map<Instant, HourlyStats> byHour = new HashMap<>();
        stats.hourly(firstHour, now.plus(Duration.ofHours(1))).forEach(h -> byHour.put(h.hour(), h));
        List<HourlyStats> hourly = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            Instant hour = firstHour.plus(Duration.ofHours(i));
            hourly.add(byHour.getOrDefault(hour, new HourlyStats(hour, 0, 0)));
        }
        LocalDate today = quotaDay.dayOf(now);
        LocalDate firstDay = today.minusDays(days - 1L);
        Map<LocalDate, DailyStats> byDay = new HashMap<>();
        stats.daily(firstDay, today).forEach(d -> byDay.put(d.day(), d));
        List<DailyStats> daily = new ArrayList<>(days);
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            daily.add(byDay.getOrDefault(day, new DailyStats(day, 0, 0)));
        }
        return new RequestStatsReport(hourly, daily, stats.topModels(TOP_MODELS), quotaDay.offset());
    }

    /** The pool's counts now. */
    public TokenCounts tokenCounts() {
        return tokens.counts(clock.instant());
    }

    /** One page of the request log, newest first. */
    public RequestLogPage requestLog(RequestLogQuery query) {
        return log.list(query);
    }

    /**
     * Empties the request log.
     *
     * @return how many rows were deleted
     */
    public int clearRequestLog() {
        return log.clear();
    }
}
