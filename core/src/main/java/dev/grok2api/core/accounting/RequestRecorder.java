package dev.grok2api.core.accounting;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.usage.QuotaDay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Records finished requests: in this instance's metrics at once, and in the shared statistics and request log
 * through {@code writer}, so the store writes stay off the request's path. The request log honours {@code
 * stats.request_log_enabled}. Thread-safe.
 */
public final class RequestRecorder {
    private final StatsStore stats;
    private final RequestLogStore log;
    private final GatewayMetrics metrics;
    private final QuotaDay quotaDay;
    private final SettingsSource settings;
    private final Executor writer;

    /**
     * @param writer runs the store writes; the owner decides the thread, queue bound and error logging (tests pass
     *     {@code Runnable::run})
     */
    public RequestRecorder(
            StatsStore stats,
            RequestLogStore log,
            GatewayMetrics metrics,
            QuotaDay quotaDay,
            SettingsSource settings,
            Executor writer) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.quotaDay = Objects.requireNonNull(quotaDay, "quotaDay");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The metrics this recorder counts into. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Records a request that was served (successfully or not).
     *
     * @param entry what happened
     * @param success whether the client got a complete answer (a stream that failed midway did not)
     */
    public void served(RequestLogEntry entry, boolean success) {
        metrics.requestFinished(
                entry.model(),
                entry.status(),
                Duration.ofMillis(entry.durationMs()),
                entry.firstByteMs() < 0 ? null : Duration.ofMillis(entry.firstByteMs()),
                entry.errorCode());
        boolean logRequests = settings.current().bool("stats.request_log_enabled");
        writer.execute(() -> {
            stats.record(entry.model(), success, entry.at().plusMillis(entry.durationMs()), quotaDay.dayOf(entry.at()));
            if (logRequests) {
                log.append(entry);
            }
        });
    }

    /** Records a request refused by a per-key limit: in the request log and metrics, not in the statistics. */
    public void refused(RequestLogEntry entry) {
        metrics.rejected(entry.errorCode());
        if (settings.current().bool("stats.request_log_enabled")) {
            writer.execute(() -> log.append(entry));
        }
    }
}
