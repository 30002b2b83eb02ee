package dev.grok2api.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a job's progress and results.
 *
 * @param id unique id, 16 hex characters
 * @param kind what the job does, e.g. {@code token.refresh_quota}
 * @param state where it is
 * @param total items in all
 * @param completed items processed so far (succeeded + failed)
 * @param succeeded items that succeeded
 * @param failed items that failed
 * @param counters job-wide counters named by item results (e.g. {@code invalidated}), never null
 * @param failures the first {@link #MAX_FAILURES} failed items, in completion order
 * @param results every item's result in completion order when the job keeps them, else empty
 * @param parameters what it was started with
 * @param startedAt when it started
 * @param finishedAt when it finished, or null while running
 * @param lastError the most recent item error, or null
 */
public record Job(
        String id,
        String kind,
        JobState state,
        int total,
        int completed,
        int succeeded,
        int failed,
        Map<String, Long> counters,
        List<JobItemResult> failures,
        List<JobItemResult> results,
        Map<String, Object> parameters,
        Instant startedAt,
        Instant finishedAt,
        String lastError) {
    /** How many failed items a job keeps for its status view. */
    public static final int MAX_FAILURES = 200;

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        counters = Map.copyOf(counters);
        failures = List.copyOf(failures);
        results = List.copyOf(results);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Share of items processed, 0..1 (1 for an empty job). */
    public double progress() {
        return total == 0 ? 1.0 : (double) completed / total;
    }

    /** A job-wide counter, 0 when never incremented. */
    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }
}
