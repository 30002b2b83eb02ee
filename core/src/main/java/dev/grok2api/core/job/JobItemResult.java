package dev.grok2api.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What processing one item of a job did.
 *
 * @param item the item as the job's operator knows it (e.g. the token value), never null
 * @param ok whether it succeeded
 * @param error what went wrong, secret-free, or null when {@code ok}
 * @param details extra facts for the result view (numbers, strings, booleans), never null
 * @param counters names of job-wide counters this item adds one to (e.g. {@code invalidated}), never null
 */
public record JobItemResult(String item, boolean ok, String error, Map<String, Object> details, List<String> counters) {
    public JobItemResult {
        Objects.requireNonNull(item, "item");
        details = Map.copyOf(details);
        counters = List.copyOf(counters);
    }

    /** A success without details. */
    public static JobItemResult ok(String item) {
        return new JobItemResult(item, true, null, Map.of(), List.of());
    }

    /** A failure without details. */
    public static JobItemResult failed(String item, String error) {
        return new JobItemResult(item, false, Objects.requireNonNull(error, "error"), Map.of(), List.of());
    }

    /** A copy with these details. */
    public JobItemResult withDetails(Map<String, Object> newDetails) {
        return new JobItemResult(item, ok, error, newDetails, counters);
    }

    /** A copy that also adds one to the named job counter. */
    public JobItemResult counting(String counter) {
        List<String> more = new ArrayList<>(counters);
        more.add(counter);
        return new JobItemResult(item, ok, error, details, more);
    }
}
