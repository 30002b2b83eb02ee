package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets the OpenAI error envelope with a real status, never a stack trace. */
class ErrorEnvelopeIT {
    @TempDir
    Path dataDir;

    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private GatewayHarness startWithToken() {
        gateway = GatewayHarness.start(dataDir);
        gateway.addTokens(gateway.login(), "token-for-errors");
        return gateway;
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response, "error.type")).isEqualTo(type);
        assertThat(json(response, "error.code")).isEqualTo(code);
        assertThat((String) json(response, "error.message"))
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void should_reject_malformed_json_with_json_invalid() {
        HttpResponse<String> response =
                startWithToken().post("/v1/chat/completions", "{\"model\":\"grok-3\",\"messages\":[},", null);
        assertEnvelope(response, 400, "invalid_request_error", "json_invalid");
        assertThat(json(response, "error.param")).isEqualTo("body");
    }

    @Test
    void should_reject_an_unknown_model_with_model_not_found() {
        HttpResponse<String> response = startWithToken()
                .post(
                        "/v1/chat/completions",
                        chatBody("gpt-4o", Map.of(), List.<String[]>of(new String[] {"user", "x"})),
                        null);
        assertEnvelope(response, 400, "invalid_request_error", "model_not_found");
        assertThat(json(response, "error.param")).isEqualTo("model");
    }

    @Test
    void should_reject_the_tool_role_and_empty_content_with_the_reference_codes() {
        GatewayHarness g = startWithToken();
        HttpResponse<String> tool = g.post(
                "/v1/chat/completions",
                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"tool", "x"})),
                null);
        assertEnvelope(tool, 400, "invalid_request_error", "value_error");
        assertThat(json(tool, "error.param")).isEqualTo("body.messages.0.role");

        HttpResponse<String> empty = g.post(
                "/v1/chat/completions",
                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "  "})),
                null);
        assertEnvelope(empty, 400, "invalid_request_error", "empty_content");
        assertThat(json(empty, "error.param")).isEqualTo("messages.0.content");

        HttpResponse<String> emptyArray = g.post(
                "/v1/chat/completions",
                "{\"model\":\"grok-3\",\"messages\":[{\"role\":\"user\",\"content\":[]}]}",
                null);
        assertEnvelope(emptyArray, 400, "invalid_request_error", "empty_content");

        HttpResponse<String> badBlock = g.post(
                "/v1/chat/completions",
                "{\"model\":\"grok-3\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}",
                null);
        assertEnvelope(badBlock, 400, "invalid_request_error", "invalid_type");
        assertThat(g.grok.chatRequests()).isEmpty();
    }

    @Test
    void should_require_the_configured_api_key() {
        gateway = GatewayHarness.start(dataDir, options -> options.withSetting("app.api_key", "sk-test-key"));
        String body = chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "x"}));

        assertEnvelope(
                gateway.post("/v1/chat/completions", body, null), 401, "authentication_error", "invalid_api_key");
        assertEnvelope(
                gateway.post("/v1/chat/completions", body, "sk-wrong"), 401, "authentication_error", "invalid_api_key");
        assertThat(gateway.get("/v1/models", "sk-test-key").statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_429_rate_limit_exceeded_when_the_pool_is_empty() {
        gateway = GatewayHarness.start(dataDir);
        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "x"})),
                null);
        assertEnvelope(response, 429, "rate_limit_error", "rate_limit_exceeded");
        assertThat((String) json(response, "error.message")).startsWith("No available tokens. Please try again later.");
    }

    @Test
    void should_answer_502_upstream_error_when_grok_fails_with_5xx() {
        GatewayHarness g = startWithToken();
        for (int i = 0; i < 4; i++) {
            g.grok.enqueueChat(GrokReply.status(500, "{\"code\":13,\"message\":\"internal\"}"));
        }
        HttpResponse<String> response = g.post(
                "/v1/chat/completions",
                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "x"})),
                null);
        assertEnvelope(response, 502, "server_error", "upstream_error");
    }

    @Test
    void should_reject_admin_routes_without_a_session_and_with_a_client_key() {
        gateway = GatewayHarness.start(dataDir, options -> options.withSetting("app.api_key", "sk-client"));
        assertEnvelope(gateway.get("/api/v1/admin/tokens", null), 401, "authentication_error", "missing_session");
        assertEnvelope(
                gateway.get("/api/v1/admin/tokens", "sk-client"), 401, "authentication_error", "session_expired");
        assertEnvelope(
                gateway.post("/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"nope\"}", null),
                401,
                "authentication_error",
                "invalid_credentials");
    }

    @Test
    void should_answer_unknown_models_by_id_with_404() {
        HttpResponse<String> response = startWithToken().get("/v1/models/nope", null);
        assertEnvelope(response, 404, "not_found_error", "model_not_found");
    }
}
