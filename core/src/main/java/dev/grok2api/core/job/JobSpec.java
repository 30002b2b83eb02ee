package dev.grok2api.core.job;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A job to run: the same task over each item, with bounded concurrency.
 *
 * @param kind what the job does, e.g. {@code token.refresh_quota}; shown to operators and used to filter listings
 * @param items the items, processed in order by {@code concurrency} workers
 * @param concurrency how many items may be processed at once, {@code >= 1}
 * @param label how an item is named in results (e.g. the token value); must not throw
 * @param task processes one item; a thrown exception counts as that item's failure
 * @param keepResults whether the job keeps every item's result (for callers that wait and need them all), or only
 *     the first {@link Job#MAX_FAILURES} failures
 * @param parameters what the job was started with, for the status view (secret-free)
 * @param <T> the item type
 */
public record JobSpec<T>(
        String kind,
        List<T> items,
        int concurrency,
        Function<T, String> label,
        Function<T, JobItemResult> task,
        boolean keepResults,
        Map<String, Object> parameters) {
    public JobSpec {
        Objects.requireNonNull(kind, "kind");
        items = List.copyOf(items);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(task, "task");
        parameters = Map.copyOf(parameters);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
    }
}
