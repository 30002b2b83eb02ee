package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chat path through the real server, the real Grok client and the mock Grok, over HTTP. */
class ChatCompletionsEndToEndIT {
    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.e2e-account-one.sig";

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir);
        gateway.addTokens(gateway.login(), "sso=" + TOKEN);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void should_keep_the_connection_open_for_the_next_request_after_a_chat() throws IOException {
        // given
        gateway.grok.enqueueChat(GrokReply.text("first"));
        gateway.grok.enqueueChat(GrokReply.text("second"));
        try (Socket socket = new Socket("127.0.0.1", gateway.server.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();

            // when: a streamed chat, then a plain one, on the same connection
            RawHttp.Response streamed = RawHttp.exchange(
                    out,
                    in,
                    RawHttp.post(
                            "/v1/chat/completions",
                            chatBody("grok-3", Map.of("stream", "true"), List.<String[]>of(new String[] {"user", "1"
                            }))));
            RawHttp.Response plain = RawHttp.exchange(
                    out,
                    in,
                    RawHttp.post(
                            "/v1/chat/completions",
                            chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "2"}))));

            // then
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.headers().getOrDefault("connection", "")).doesNotContainIgnoringCase("close");
            assertThat(streamed.body()).contains("\"content\":\"first\"").endsWith("data: [DONE]\n\n");
            assertThat(plain.status()).as(plain.body()).isEqualTo(200);
            assertThat(JsonText.at(JsonText.parse(plain.body()), "choices.0.message.content"))
                    .isEqualTo("second");
        }
    }

    @Test
    void should_answer_without_streaming_when_the_request_omits_stream() {
        // given
        gateway.grok.enqueueChat(GrokReply.text("Hello", " there!"));
        String body = chatBody(
                "grok-4.1-fast", Map.of(), List.of(new String[] {"system", "Be brief"}, new String[] {"user", "Hi"}));

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response, "object")).isEqualTo("chat.completion");
        assertThat(json(response, "model")).isEqualTo("grok-4.1-fast");
        assertThat(json(response, "choices.0.message.role")).isEqualTo("assistant");
        assertThat(json(response, "choices.0.message.content")).isEqualTo("Hello there!");
        assertThat(json(response, "choices.0.finish_reason")).isEqualTo("stop");
        assertThat(json(response, "system_fingerprint")).isEqualTo("Kp3X9fQ2");
        assertThat((Long) json(response, "usage.total_tokens")).isPositive();
        RecordedGrokRequest upstream = gateway.grok.singleChatRequest();
        assertThat(upstream.sso()).isEqualTo(TOKEN);
        assertThat(upstream.cookies()).containsEntry("sso", TOKEN);
        assertThat(upstream.jsonAt("message")).isEqualTo("system: Be brief\n\nHi");
        assertThat(upstream.jsonAt("modelName")).isEqualTo("grok-4-1-thinking-1129");
        assertThat(upstream.jsonAt("modelMode")).isEqualTo("MODEL_MODE_FAST");
        assertThat(Files.exists(dataDir.resolve("grok2api.db"))).isTrue();
    }

    @Test
    void should_stream_sse_chunks_with_the_role_first_then_content_stop_and_done() {
        // given
        gateway.grok.enqueueChat(GrokReply.text("Hel", "lo"));
        String body = chatBody("grok-3", Map.of("stream", "true"), List.<String[]>of(new String[] {"user", "Hi"}));

        // when
        HttpResponse<java.util.stream.Stream<String>> response =
                gateway.postForLines("/v1/chat/completions", body, null);
        List<String> lines = response.body().toList();

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = lines.stream().filter(l -> !l.isEmpty()).toList();
        assertThat(lines.stream().filter(String::isEmpty).count()).isEqualTo(events.size());
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        List<Object> chunks = events.subList(0, events.size() - 1).stream()
                .map(e -> JsonText.parse(e.substring(6)))
                .toList();
        assertThat(chunks).hasSize(4);
        assertThat(JsonText.at(chunks.get(0), "choices.0.delta")).isEqualTo(Map.of("role", "assistant", "content", ""));
        assertThat(JsonText.at(chunks.get(1), "choices.0.delta.content")).isEqualTo("Hel");
        assertThat(JsonText.at(chunks.get(2), "choices.0.delta.content")).isEqualTo("lo");
        assertThat(JsonText.at(chunks.get(3), "choices.0.delta")).isEqualTo(Map.of());
        assertThat(JsonText.at(chunks.get(3), "choices.0.finish_reason")).isEqualTo("stop");
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(JsonText.at(chunk, "object")).isEqualTo("chat.completion.chunk");
            assertThat(JsonText.at(chunk, "id")).isEqualTo(JsonText.at(chunks.get(0), "id"));
        });
        assertThat(gateway.grok.singleChatRequest().jsonAt("message")).isEqualTo("Hi");
    }

    @Test
    void should_stream_reasoning_apart_from_the_answer_for_a_thinking_model() {
        // given
        gateway.grok.enqueueChat(GrokReply.thinking(List.of("The user asks. ", "Paris it is."), List.of("Paris.")));
        String body = chatBody(
                "grok-4.1-thinking", Map.of("stream", "true"), List.<String[]>of(new String[] {"user", "Capital?"}));

        // when
        List<Object> chunks = gateway.postForLines("/v1/chat/completions", body, null)
                .body()
                .filter(l -> l.startsWith("data: {"))
                .map(l -> JsonText.parse(l.substring(6)))
                .toList();

        // then
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (Object chunk : chunks) {
            Object r = JsonText.at(chunk, "choices.0.delta.reasoning_content");
            Object c = JsonText.at(chunk, "choices.0.delta.content");
            if (r != null) {
                reasoning.append(r);
            }
            if (c != null) {
                content.append(c);
            }
        }
        assertThat(reasoning.toString()).isEqualTo("The user asks. Paris it is.");
        assertThat(content.toString()).isEqualTo("Paris.");
    }

    @Test
    void should_return_reasoning_content_in_the_message_when_not_streaming() {
        // given
        gateway.grok.enqueueChat(GrokReply.thinking(List.of("hmm"), List.of("42")));
        String body =
                chatBody("grok-3-thinking", Map.of("stream", "false"), List.<String[]>of(new String[] {"user", "?"}));

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, null);

        // then
        assertThat(json(response, "choices.0.message.content")).isEqualTo("42");
        assertThat(json(response, "choices.0.message.reasoning_content")).isEqualTo("hmm");
    }

    @Test
    void should_list_the_models_and_find_one_by_id() {
        HttpResponse<String> list = gateway.get("/v1/models", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list, "object")).isEqualTo("list");
        assertThat((List<?>) json(list, "data")).hasSize(15);
        assertThat(json(list, "data.0.owned_by")).isEqualTo("grok2api");

        HttpResponse<String> one = gateway.get("/v1/models/grok-4-heavy", null);
        assertThat(json(one, "id")).isEqualTo("grok-4-heavy");
        assertThat(json(one, "display_name")).isEqualTo("Grok 4 Heavy");
    }

    @Test
    void should_serve_health_and_the_login_page() {
        HttpResponse<String> health = gateway.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JsonText.parse(health.body()))
                .isEqualTo(Map.of("status", "healthy", "service", "Grok2API", "runtime", "java-javalin"));
        HttpResponse<String> login = gateway.get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form");
    }
}
