package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of upstream failure reaches the client with its own status and code, streamed or not, and a client that
 * goes away cancels the upstream call at once.
 */
class UpstreamErrorsEndToEndIT {
    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;
    private final AtomicInteger accounts = new AtomicInteger();

    @BeforeEach
    void start() {
        // No failover, so each scripted reply answers exactly one request; a fresh account per case keeps one
        // case's cooldown or invalidation from touching the next.
        gateway = GatewayHarness.start(
                dataDir,
                o -> o.withSetting("grok.max_retry", 0)
                        .withSetting("grok.first_byte_timeout", 1)
                        .withSetting("grok.heartbeat_seconds", 60));
        session = gateway.login();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private record Case(String name, Supplier<GrokReply> reply, int status, String code) {}

    private static final List<Case> CASES = List.of(
            new Case("401 invalid credentials", GrokReply::unauthorized, 502, "upstream_invalid_credentials"),
            new Case("403 Cloudflare page", GrokReply::cloudflareChallenge, 502, "cloudflare_challenge"),
            new Case("403 blocked account", () -> GrokReply.statusFixture(403, "blocked.json"), 502, "account_blocked"),
            new Case("403 anti-bot", () -> GrokReply.statusFixture(403, "anti-bot.json"), 502, "anti_bot_rejected"),
            new Case("429", () -> GrokReply.rateLimited(42), 429, "upstream_rate_limited"),
            new Case(
                    "503",
                    () -> GrokReply.status(503, "{\"code\":14,\"message\":\"unavailable\"}"),
                    502,
                    "upstream_error"),
            new Case(
                    "in-band rate limit", () -> GrokReply.fixture("inband-error.ndjson"), 429, "upstream_rate_limited"),
            new Case(
                    "in-band response error",
                    () -> GrokReply.fixture("inband-error-response.ndjson"),
                    502,
                    "upstream_error"),
            new Case("moderated", () -> GrokReply.fixture("moderated.ndjson"), 400, "content_policy_violation"),
            new Case(
                    "empty answer",
                    () -> new GrokReply.Stream(
                            List.of(GrokReply.fixture("cut.ndjson").lines().get(0))),
                    502,
                    "empty_response"),
            new Case("first-byte timeout", () -> GrokReply.stall(List.of(), List.of()), 504, "upstream_timeout"));

    private String freshAccount() {
        String token = "eyJhbGciOiJIUzI1NiJ9.errors-" + accounts.incrementAndGet() + ".sig";
        gateway.addTokens(session, token);
        return token;
    }

    /** Plays every case as a fresh account and checks the envelope the client gets. */
    private void playEveryCase(boolean stream) {
        for (Case c : CASES) {
            // given
            freshAccount();
            GrokReply reply = c.reply().get();
            gateway.grok.enqueueChat(reply);

            // when
            HttpResponse<String> response = gateway.post(
                    "/v1/chat/completions",
                    chatBody("grok-3", Map.of("stream", Boolean.toString(stream)), List.<String[]>of(new String[] {
                        "user", "hi"
                    })),
                    null);
            if (reply instanceof GrokReply.Stall stall) {
                stall.release();
            }

            // then
            String context = c.name() + (stream ? " (stream)" : "") + ": " + response.body();
            assertThat(response.statusCode()).as(context).isEqualTo(c.status());
            assertThat(json(response, "error.code")).as(context).isEqualTo(c.code());
            assertThat((String) json(response, "error.message")).as(context).isNotBlank();
            if (c.status() == 429) {
                assertThat(json(response, "error.type")).as(context).isEqualTo("rate_limit_error");
            }
        }
        assertThat(gateway.grok.pendingChatReplies()).isZero();
    }

    @Test
    void should_answer_each_upstream_failure_with_its_own_status_and_code_when_not_streaming() {
        playEveryCase(false);
    }

    @Test
    void should_answer_each_failure_before_the_first_token_with_a_real_status_when_streaming() {
        playEveryCase(true);
    }

    @Test
    void should_end_a_started_stream_with_an_in_band_error_event_and_done() {
        // given
        freshAccount();
        List<String> lines =
                new java.util.ArrayList<>(GrokReply.fixture("cut.ndjson").lines());
        lines.add("{\"error\":{\"code\":8,\"message\":\"Too many requests\",\"details\":[]}}");
        gateway.grok.enqueueChat(new GrokReply.Stream(lines));

        // when
        List<String> events = gateway.postForLines(
                        "/v1/chat/completions",
                        chatBody("grok-3", Map.of("stream", "true"), List.<String[]>of(new String[] {"user", "hi"})),
                        null)
                .body()
                .filter(l -> l.startsWith("data: "))
                .toList();

        // then
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        Object error = JsonText.parse(events.get(events.size() - 2).substring(6));
        assertThat(JsonText.at(error, "error.code")).isEqualTo("upstream_rate_limited");
        assertThat(JsonText.at(error, "error.type")).isEqualTo("rate_limit_error");
    }

    @Test
    void should_cancel_the_upstream_call_within_a_second_when_the_client_disconnects_during_a_stall() throws Exception {
        // given
        freshAccount();
        GrokReply.Stall stall =
                GrokReply.stall(List.of(GrokReply.fixture("cut.ndjson").lines().get(0)), List.of());
        gateway.grok.enqueueChat(stall);
        String body = chatBody("grok-3", Map.of("stream", "true"), List.<String[]>of(new String[] {"user", "hi"}));
        byte[] request = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);

        try (Socket client = new Socket("127.0.0.1", gateway.server.port())) {
            OutputStream out = client.getOutputStream();
            out.write(request);
            out.flush();
            assertThat(gateway.grok.awaitChatCalls(1, Duration.ofSeconds(5))).isTrue();

            // when
            client.close();

            // then
            assertThat(stall.awaitDisconnect(Duration.ofSeconds(1)))
                    .as("the upstream connection closed within 1 s of the client leaving")
                    .isTrue();
        } finally {
            stall.release();
        }
    }
}
