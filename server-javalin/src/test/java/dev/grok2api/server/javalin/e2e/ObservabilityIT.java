package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.error.ServiceUnavailableException;
import dev.grok2api.server.javalin.http.HealthRoutes;
import dev.grok2api.server.javalin.jobs.BackgroundJobs;
import dev.grok2api.server.javalin.json.MoshiJsonMapper;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, statistics, request and application logs, and Prometheus metrics through the real server. */
class ObservabilityIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    private static HttpResponse<String> plainGet(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_report_health_and_readiness() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            HttpResponse<String> health = gateway.get("/health", null);
            assertThat(json(health, "status")).isEqualTo("healthy");
            assertThat(json(health, "service")).isEqualTo("Grok2API");

            HttpResponse<String> ready = gateway.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready, "status")).isEqualTo("ready");
            assertThat(json(ready, "storage.status")).isEqualTo("up");
            assertThat(json(ready, "scheduler.status")).isEqualTo("running");
            assertThat(ready.body()).contains("config_reload").contains("retention");
        }
    }

    @Test
    void should_answer_503_when_the_storage_is_unreachable() throws Exception {
        // given
        BackgroundJobs jobs = new BackgroundJobs(InstantSource.system());
        HealthRoutes health = new HealthRoutes(
                "pgsql",
                () -> {
                    throw new ServiceUnavailableException(
                            "storage_unavailable", "PostgreSQL at db:5432 is not reachable", null);
                },
                jobs);
        Javalin app = Javalin.create(config -> {
                    config.jsonMapper(new MoshiJsonMapper());
                    health.register(config.routes);
                })
                .start("127.0.0.1", 0);
        try {
            // when
            HttpResponse<String> ready = plainGet("http://127.0.0.1:" + app.port() + "/readyz");

            // then
            assertThat(ready.statusCode()).isEqualTo(503);
            Object body = JsonText.parse(ready.body());
            assertThat(JsonText.at(body, "status")).isEqualTo("unavailable");
            assertThat(JsonText.at(body, "storage.status")).isEqualTo("down");
            assertThat(JsonText.at(body, "storage.error")).isEqualTo("PostgreSQL at db:5432 is not reachable");
        } finally {
            app.stop();
            jobs.close();
        }
    }

    @Test
    void should_record_statistics_and_a_request_log_row_per_chat() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            // given
            String session = gateway.login();
            gateway.addTokens(session, "sso=eyJhbGciOiJIUzI1NiJ9.stats-account.tail42");
            gateway.grok.enqueueChat(GrokReply.text("Hello"));
            HttpResponse<String> chat = gateway.post(
                    "/v1/chat/completions",
                    chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "Hi"})),
                    null);
            assertThat(chat.statusCode()).isEqualTo(200);

            // when: the records are written off the request path, so look until they are there
            HttpResponse<String> logs = gateway.get("/api/v1/admin/request-logs", session);
            for (int i = 0; i < 200 && Long.valueOf(0).equals(json(logs, "total")); i++) {
                logs = gateway.get("/api/v1/admin/request-logs", session);
            }
            HttpResponse<String> metrics = gateway.get("/api/v1/admin/metrics", session);

            // then
            assertThat(json(logs, "total")).isEqualTo(1L);
            assertThat(json(logs, "items.0.model")).isEqualTo("grok-3");
            assertThat(json(logs, "items.0.status")).isEqualTo(200L);
            assertThat(json(logs, "items.0.token_suffix")).isEqualTo("tail42");
            assertThat(json(logs, "items.0.ip")).isEqualTo("127.0.0.1");
            assertThat((Long) json(logs, "items.0.first_byte_ms")).isNotNegative();
            assertThat(json(metrics, "tokens.total")).isEqualTo(1L);
            assertThat((List<?>) json(metrics, "request_stats.hourly")).hasSize(24);
            assertThat((List<?>) json(metrics, "request_stats.daily")).hasSize(7);
            assertThat(json(metrics, "request_stats.summary.total")).isEqualTo(1L);
            assertThat(json(metrics, "request_stats.models.0.model")).isEqualTo("grok-3");
            assertThat(json(metrics, "cache.local_image.count")).isEqualTo(0L);

            assertThat(json(gateway.post("/api/v1/admin/request-logs/clear", "", session), "deleted"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void should_list_and_tail_the_application_log_files() throws IOException {
        // given
        Files.writeString(
                logDir.resolve("app_2030-01-01.log"),
                "{\"time\":\"2030-01-01T10:00:00.000+08:00\",\"level\":\"INFO\",\"logger\":\"a.B\",\"msg\":\"first\"}\n"
                        + "not json\n");
        try (GatewayHarness gateway =
                GatewayHarness.start(dataDir, options -> options.withEnv("GROK2API_LOG_DIR", logDir.toString()))) {
            String session = gateway.login();

            // when
            HttpResponse<String> files = gateway.get("/api/v1/admin/logs/files", session);
            HttpResponse<String> tail = gateway.get("/api/v1/admin/logs/tail?lines=10", session);

            // then
            assertThat(json(files, "files.0.name")).isEqualTo("app_2030-01-01.log");
            assertThat(json(tail, "file")).isEqualTo("app_2030-01-01.log");
            assertThat(json(tail, "lines"))
                    .isEqualTo(List.of("2030-01-01 10:00:00 | INFO     | a.B - first", "not json"));
            assertThat(gateway.get("/api/v1/admin/logs/tail?file=nope.log", session)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void should_serve_prometheus_metrics_behind_a_session_and_on_the_separate_port() throws Exception {
        int metricsPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        try (GatewayHarness gateway = GatewayHarness.start(
                dataDir, options -> options.withEnv("GROK2API_METRICS_PORT", Integer.toString(metricsPort)))) {
            // when
            HttpResponse<String> anonymous = gateway.get("/metrics", null);
            HttpResponse<String> withSession = gateway.get("/metrics", gateway.login());
            HttpResponse<String> separate = plainGet("http://127.0.0.1:" + metricsPort + "/metrics");

            // then
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(withSession.statusCode()).isEqualTo(200);
            assertThat(withSession.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
            assertThat(withSession.body()).contains("# TYPE grok2api_requests_total counter");
            assertThat(separate.statusCode()).isEqualTo(200);
            assertThat(separate.body()).contains("grok2api_tokens{status=\"active\"} 0");
        }
    }
}
