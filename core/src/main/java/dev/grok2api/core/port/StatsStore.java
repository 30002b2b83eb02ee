package dev.grok2api.core.port;

import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Request statistics: hourly and daily success/failure counters and all-time per-model counts. Increments are
 * atomic, so several instances sharing a store add up exactly. Thread-safe. Storage failures surface as {@link
 * dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface StatsStore {

    /**
     * Counts one finished request in the hour containing {@code at} (UTC-aligned), in {@code day}, and for the model.
     *
     * @param model the client-facing model id
     * @param success whether it succeeded
     * @param at when it finished
     * @param day the day to count it in, in the zone the dashboard uses
     */
    void record(String model, boolean success, Instant at, LocalDate day);

    /** Hours with any count in {@code [from, to)}, oldest first; hours without requests are absent. */
    List<HourlyStats> hourly(Instant from, Instant to);

    /** Days with any count in {@code [from, to]}, oldest first; days without requests are absent. */
    List<DailyStats> daily(LocalDate from, LocalDate to);

    /** The {@code limit} models with the most requests, most first (ties by model id). */
    List<ModelStats> topModels(int limit);

    /**
     * Deletes hourly buckets before {@code hoursBefore} and daily buckets before {@code daysBefore} (retention).
     * Model counts are all-time and kept.
     *
     * @return how many buckets were deleted
     */
    int prune(Instant hoursBefore, LocalDate daysBefore);

    /** Deletes every counter, model counts included. */
    void clear();
}
