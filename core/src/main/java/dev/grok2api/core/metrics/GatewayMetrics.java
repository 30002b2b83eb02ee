package dev.grok2api.core.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this instance served since it started: requests by model and status, their latency and time to first byte,
 * requests refused by per-key limits, and upstream failures by error code. Label values are bounded (model ids of the
 * catalog, HTTP statuses, error codes of the taxonomy). Lock-free and thread-safe.
 */
public final class GatewayMetrics {
    /**
     * A request series.
     *
     * @param model the model id
     * @param status the HTTP status answered
     */
    public record RequestKey(String model, int status) {}

    private final ConcurrentMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> durations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> firstBytes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> upstreamErrors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> streamErrors = new ConcurrentHashMap<>();
    private final LongAdder refundFailures = new LongAdder();

    /**
     * Counts a finished request.
     *
     * @param firstByte time to the first byte, or null when nothing was sent
     * @param errorCode the error the client got (also in-band in a stream), or empty
     */
    public void requestFinished(String model, int status, Duration duration, Duration firstByte, String errorCode) {
        requests.computeIfAbsent(new RequestKey(model, status), k -> new LongAdder())
                .increment();
        durations.computeIfAbsent(model, m -> new Histogram()).observe(seconds(duration));
        if (firstByte != null) {
            firstBytes.computeIfAbsent(model, m -> new Histogram()).observe(seconds(firstByte));
        }
        if (status < 400 && !errorCode.isEmpty()) {
            streamErrors.computeIfAbsent(errorCode, c -> new LongAdder()).increment();
        }
    }

    /** Counts a request refused by a per-key limit ({@code daily_quota_exceeded}, {@code model_not_allowed}, …). */
    public void rejected(String code) {
        rejections.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Counts a quota refund the store could not make (the charge stayed). */
    public void refundFailed() {
        refundFailures.increment();
    }

    /** Counts a failed call to Grok (one per attempt; a request that failed over counts each attempt). */
    public void upstreamFailure(String code) {
        upstreamErrors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * The figures now, sorted for stable output.
     *
     * @param requests request counts by model and status
     * @param durations total request time by model
     * @param firstBytes time to first byte by model
     * @param rejections refused requests by error code
     * @param upstreamErrors failed upstream attempts by error code
     * @param streamErrors answers that failed after they started streaming, by error code
     * @param refundFailures quota refunds that failed
     */
    public record Snapshot(
            Map<RequestKey, Long> requests,
            Map<String, Histogram.Snapshot> durations,
            Map<String, Histogram.Snapshot> firstBytes,
            Map<String, Long> rejections,
            Map<String, Long> upstreamErrors,
            Map<String, Long> streamErrors,
            long refundFailures) {}

    /** The figures now. */
    public Snapshot snapshot() {
        Map<RequestKey, Long> requestCounts =
                new TreeMap<>(java.util.Comparator.comparing(RequestKey::model).thenComparingInt(RequestKey::status));
        requests.forEach((key, count) -> requestCounts.put(key, count.sum()));
        return new Snapshot(
                requestCounts,
                histograms(durations),
                histograms(firstBytes),
                counts(rejections),
                counts(upstreamErrors),
                counts(streamErrors),
                refundFailures.sum());
    }

    private static Map<String, Histogram.Snapshot> histograms(Map<String, Histogram> source) {
        Map<String, Histogram.Snapshot> out = new TreeMap<>();
        source.forEach((key, histogram) -> out.put(key, histogram.snapshot()));
        return out;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> source) {
        Map<String, Long> out = new TreeMap<>();
        source.forEach((key, count) -> out.put(key, count.sum()));
        return out;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
