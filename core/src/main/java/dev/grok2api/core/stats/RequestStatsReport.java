package dev.grok2api.core.stats;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The request statistics the admin dashboard shows: a continuous run of hours and days (zeros where nothing was
 * served), the busiest models, and a summary over the hours shown.
 *
 * @param hourly one entry per hour, oldest first
 * @param daily one entry per day, oldest first
 * @param models the busiest models, most first
 * @param zone the offset dates and hours are shown in (the quota day's)
 */
public record RequestStatsReport(
        List<HourlyStats> hourly, List<DailyStats> daily, List<ModelStats> models, ZoneOffset zone) {
    public RequestStatsReport {
        hourly = List.copyOf(hourly);
        daily = List.copyOf(daily);
        models = List.copyOf(models);
        Objects.requireNonNull(zone, "zone");
    }

    /** Successful requests in the hours shown. */
    public long success() {
        return hourly.stream().mapToLong(HourlyStats::success).sum();
    }

    /** Failed requests in the hours shown. */
    public long failed() {
        return hourly.stream().mapToLong(HourlyStats::failed).sum();
    }

    /** All requests in the hours shown. */
    public long total() {
        return success() + failed();
    }

    /** Percentage of successes in the hours shown, one decimal; 0 when nothing was served. */
    public double successRate() {
        long total = total();
        return total == 0 ? 0 : Math.round(success() * 1000.0 / total) / 10.0;
    }
}
