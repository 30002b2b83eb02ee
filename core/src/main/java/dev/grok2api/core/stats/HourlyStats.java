package dev.grok2api.core.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * Outcomes counted in one hour.
 *
 * @param hour start of the hour (UTC-aligned)
 * @param success requests that succeeded
 * @param failed requests that failed
 */
public record HourlyStats(Instant hour, long success, long failed) {
    public HourlyStats {
        Objects.requireNonNull(hour, "hour");
    }

    /** All requests of the hour. */
    public long total() {
        return success + failed;
    }
}
