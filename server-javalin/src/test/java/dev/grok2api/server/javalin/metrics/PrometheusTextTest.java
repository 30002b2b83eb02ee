package dev.grok2api.server.javalin.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.token.TokenCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void should_render_counters_histograms_and_gauges_in_the_text_format() {
        // given
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.requestFinished("grok-3", 200, Duration.ofMillis(300), Duration.ofMillis(40), "");
        metrics.requestFinished("grok-3", 200, Duration.ofSeconds(3), null, "upstream_stream_error");
        metrics.rejected("daily_quota_exceeded");
        metrics.upstreamFailure("cloudflare_challenge");

        // when
        String text = PrometheusText.render(metrics.snapshot(), new TokenCounts(5, 3, 1, 1, 0, 120, 8, 42), 7);

        // then
        assertThat(text)
                .contains("# TYPE grok2api_requests_total counter\n")
                .contains("grok2api_requests_total{model=\"grok-3\",status=\"200\"} 2\n")
                .contains("# TYPE grok2api_request_duration_seconds histogram\n")
                .contains("grok2api_request_duration_seconds_bucket{model=\"grok-3\",le=\"0.5\"} 1\n")
                .contains("grok2api_request_duration_seconds_bucket{model=\"grok-3\",le=\"5.0\"} 2\n")
                .contains("grok2api_request_duration_seconds_bucket{model=\"grok-3\",le=\"+Inf\"} 2\n")
                .contains("grok2api_request_duration_seconds_sum{model=\"grok-3\"} 3.300000\n")
                .contains("grok2api_time_to_first_byte_seconds_count{model=\"grok-3\"} 1\n")
                .contains("grok2api_requests_refused_total{code=\"daily_quota_exceeded\"} 1\n")
                .contains("grok2api_upstream_errors_total{code=\"cloudflare_challenge\"} 1\n")
                .contains("grok2api_stream_errors_total{code=\"upstream_stream_error\"} 1\n")
                .contains("grok2api_tokens{status=\"active\"} 3\n")
                .contains("grok2api_token_remaining_queries{bucket=\"normal\"} 120\n")
                .contains("grok2api_config_version 7\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z0-9_]+(\\{[^}]*\\})? [0-9.]+");
        }
    }
}
