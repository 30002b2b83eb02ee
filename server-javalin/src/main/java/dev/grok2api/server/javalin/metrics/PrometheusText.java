package dev.grok2api.server.javalin.metrics;

import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.metrics.Histogram;
import dev.grok2api.core.token.TokenCounts;
import java.util.Locale;
import java.util.Map;

/** Renders the gateway's metrics in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
    /** The content type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    /**
     * The exposition text.
     *
     * @param metrics this instance's counters
     * @param tokens the pool's counts now (shared by every instance)
     * @param configVersion the configuration version in force here
     */
    public static String render(GatewayMetrics.Snapshot metrics, TokenCounts tokens, long configVersion) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "grok2api_requests_total", "counter", "Client requests served, by model and HTTP status.");
        metrics.requests()
                .forEach((key, count) -> sample(
                        out,
                        "grok2api_requests_total",
                        "model=\"" + label(key.model()) + "\",status=\"" + key.status() + "\"",
                        count));
        histogram(
                out,
                "grok2api_request_duration_seconds",
                "Time to serve a client request, by model.",
                metrics.durations());
        histogram(
                out,
                "grok2api_time_to_first_byte_seconds",
                "Time until the answer started reaching the client, by model.",
                metrics.firstBytes());
        counters(
                out,
                "grok2api_requests_refused_total",
                "Requests refused by a key's limits (daily quota, rate, concurrency, model), by error code.",
                metrics.rejections());
        counters(
                out,
                "grok2api_upstream_errors_total",
                "Failed calls to Grok (each attempt of a failover counts), by error code.",
                metrics.upstreamErrors());
        counters(
                out,
                "grok2api_stream_errors_total",
                "Answers that failed after they started streaming, by error code.",
                metrics.streamErrors());
        header(out, "grok2api_quota_refund_failures_total", "counter", "Quota refunds the store could not make.");
        sample(out, "grok2api_quota_refund_failures_total", null, metrics.refundFailures());
        header(out, "grok2api_tokens", "gauge", "Grok accounts in the pool, by status.");
        Map.of(
                        "active", tokens.active(),
                        "cooling", tokens.cooling(),
                        "invalid", tokens.invalid(),
                        "disabled", tokens.disabled())
                .entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sample(out, "grok2api_tokens", "status=\"" + e.getKey() + "\"", e.getValue()));
        header(out, "grok2api_token_remaining_queries", "gauge", "Known remaining queries of the pool, by bucket.");
        sample(out, "grok2api_token_remaining_queries", "bucket=\"normal\"", tokens.remainingQuota());
        sample(out, "grok2api_token_remaining_queries", "bucket=\"heavy\"", tokens.remainingHeavyQuota());
        header(out, "grok2api_config_version", "gauge", "Version of the stored configuration in force.");
        sample(out, "grok2api_config_version", null, configVersion);
        return out.toString();
    }

    private static void counters(StringBuilder out, String name, String help, Map<String, Long> byCode) {
        header(out, name, "counter", help);
        byCode.forEach((code, count) -> sample(out, name, "code=\"" + label(code) + "\"", count));
    }

    private static void histogram(
            StringBuilder out, String name, String help, Map<String, Histogram.Snapshot> byModel) {
        header(out, name, "histogram", help);
        byModel.forEach((model, h) -> {
            String labels = "model=\"" + label(model) + "\"";
            for (int i = 0; i < Histogram.BOUNDS.size(); i++) {
                sample(
                        out,
                        name + "_bucket",
                        labels + ",le=\"" + Histogram.BOUNDS.get(i) + "\"",
                        h.cumulative().get(i));
            }
            sample(out, name + "_bucket", labels + ",le=\"+Inf\"", h.count());
            out.append(name).append("_sum{").append(labels).append("} ");
            out.append(String.format(Locale.ROOT, "%.6f", h.sum())).append('\n');
            sample(out, name + "_count", labels, h.count());
        });
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
