package dev.grok2api.core.stats;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Outcomes counted on one day.
 *
 * @param day the day, in the zone the caller chose when recording
 * @param success requests that succeeded
 * @param failed requests that failed
 */
public record DailyStats(LocalDate day, long success, long failed) {
    public DailyStats {
        Objects.requireNonNull(day, "day");
    }

    /** All requests of the day. */
    public long total() {
        return success + failed;
    }
}
