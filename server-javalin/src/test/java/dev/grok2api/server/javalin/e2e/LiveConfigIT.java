package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live configuration through the admin API, shared by two server instances on one SQLite file. */
class LiveConfigIT {
    @TempDir
    Path dataDir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> key(HttpResponse<String> meta, String name) {
        for (Object entry : (List<Object>) json(meta, "keys")) {
            Map<String, Object> info = (Map<String, Object>) entry;
            if (info.get("key").equals(name)) {
                return info;
            }
        }
        throw new AssertionError("no " + name + " in " + meta.body());
    }

    @Test
    void should_apply_a_change_made_on_one_instance_to_another_within_seconds() {
        try (GatewayHarness first = GatewayHarness.start(dataDir);
                GatewayHarness second = GatewayHarness.start(dataDir)) {
            // given
            String firstSession = first.login();
            String secondSession = second.login();
            assertThat(json(second.get("/api/v1/admin/config", secondSession), "grok.max_retry"))
                    .isEqualTo(3L);

            // when
            long start = System.nanoTime();
            HttpResponse<String> saved = first.post(
                    "/api/v1/admin/config",
                    "{\"grok\":{\"max_retry\":1,\"thinking_format\":\"think_tags\"}}",
                    firstSession);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(json(saved, "changed")).isEqualTo(List.of("grok.max_retry", "grok.thinking_format"));
            Object seen = null;
            while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                seen = json(second.get("/api/v1/admin/config", secondSession), "grok.max_retry");
                if (Long.valueOf(1).equals(seen)) {
                    break;
                }
            }

            // then
            assertThat(seen).isEqualTo(1L);
            assertThat(json(second.get("/api/v1/admin/config", secondSession), "grok.thinking_format"))
                    .isEqualTo("think_tags");
        }
    }

    @Test
    void should_validate_edits_naming_the_key_and_report_environment_overrides_as_read_only() {
        try (GatewayHarness gateway =
                GatewayHarness.start(dataDir, options -> options.withEnv("GROK2API_GROK_TIMEOUT", "45"))) {
            String session = gateway.login();

            // when
            HttpResponse<String> invalid =
                    gateway.post("/api/v1/admin/config", "{\"app\":{\"image_format\":\"gif\"}}", session);
            HttpResponse<String> readOnly =
                    gateway.post("/api/v1/admin/config", "{\"grok\":{\"timeout\":60}}", session);
            HttpResponse<String> meta = gateway.get("/api/v1/admin/config/meta", session);

            // then
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(json(invalid, "error.param")).isEqualTo("app.image_format");
            assertThat((String) json(invalid, "error.message")).contains("url, base64, b64_json");
            assertThat(readOnly.statusCode()).isEqualTo(400);
            assertThat(json(readOnly, "error.code")).isEqualTo("config_key_read_only");
            assertThat((String) json(readOnly, "error.message")).contains("GROK2API_GROK_TIMEOUT");
            assertThat(key(meta, "grok.timeout"))
                    .containsEntry("source", "environment")
                    .containsEntry("env", "GROK2API_GROK_TIMEOUT")
                    .containsEntry("read_only", true);
            assertThat(key(meta, "app.api_key")).containsEntry("secret", true).containsEntry("source", "default");
            assertThat(json(gateway.get("/api/v1/admin/config", session), "grok.timeout"))
                    .isEqualTo(45L);
            assertThat(json(gateway.get("/api/v1/admin/storage", session), "type"))
                    .isEqualTo("local");
        }
    }

    @Test
    void should_seed_the_stored_configuration_from_config_toml_on_first_start() throws IOException {
        // given
        Files.writeString(dataDir.resolve("config.toml"), "[grok]\nmax_retry = 2\n[app]\nimage_format = \"base64\"\n");

        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            String session = gateway.login();

            // when
            HttpResponse<String> config = gateway.get("/api/v1/admin/config", session);

            // then
            assertThat(json(config, "grok.max_retry")).isEqualTo(2L);
            assertThat(json(config, "app.image_format")).isEqualTo("base64");
            assertThat(key(gateway.get("/api/v1/admin/config/meta", session), "grok.max_retry"))
                    .containsEntry("source", "stored");
        }
    }
}
