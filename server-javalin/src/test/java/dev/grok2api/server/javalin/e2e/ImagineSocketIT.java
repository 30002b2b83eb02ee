package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin imagine websocket ({@code /api/v1/admin/imagine/ws}): authentication and the run protocol. */
class ImagineSocketIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.imagine-account.sig";
    private static final String GLOBAL_KEY = "sk-global-imagine-test";

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;
    private final OkHttpClient client = new OkHttpClient();
    private Socket socket;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir, o -> o.withSetting("app.api_key", GLOBAL_KEY));
        session = gateway.login();
        gateway.addTokens(session, TOKEN);
        gateway.grok.imagineFrames("imagine-rounds.jsonl");
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.ws.close(1000, null);
        }
        client.dispatcher().executorService().shutdown();
        gateway.close();
    }

    /** A client connection: every message and the close code, in order. */
    private static final class Socket extends WebSocketListener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        WebSocket ws;

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            messages.add(JsonText.parse(text));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closes.add(code);
            webSocket.close(code, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            closes.add(response == null ? -1 : response.code());
        }

        void send(String json) {
            ws.send(json);
        }

        /** The next message matching the filter (others are skipped); fails after 10 s. */
        Object next(Predicate<Object> wanted) throws InterruptedException {
            while (true) {
                Object message = messages.poll(10, TimeUnit.SECONDS);
                assertThat(message).as("a message within 10 s").isNotNull();
                if (wanted.test(message)) {
                    return message;
                }
            }
        }
    }

    private Socket connect(String key) {
        Socket listener = new Socket();
        String url = gateway.server.localUrl().replace("http", "ws") + "/api/v1/admin/imagine/ws"
                + (key == null ? "" : "?api_key=" + key);
        listener.ws = client.newWebSocket(new Request.Builder().url(url).build(), listener);
        socket = listener;
        return listener;
    }

    private static Predicate<Object> type(String type) {
        return message -> type.equals(JsonText.at(message, "type"));
    }

    private static Predicate<Object> status(String status) {
        return message ->
                "status".equals(JsonText.at(message, "type")) && status.equals(JsonText.at(message, "status"));
    }

    @Test
    void should_close_with_1008_for_a_wrong_key() throws InterruptedException {
        // when
        Socket ws = connect("sk-wrong");

        // then
        assertThat(ws.closes.poll(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void should_answer_ping_with_exactly_pong_for_an_admin_session() throws InterruptedException {
        // given
        Socket ws = connect(session);

        // when
        ws.send("{\"type\":\"ping\"}");

        // then
        Object pong = ws.next(m -> true);
        assertThat(pong).isEqualTo(java.util.Map.of("type", "pong"));
    }

    @Test
    void should_accept_an_enabled_managed_key_and_the_global_key() throws InterruptedException {
        // given
        String key =
                (String) json(gateway.post("/api/v1/admin/keys", "{\"name\":\"playground\"}", session), "data.key");

        // when
        Socket managed = connect(key);
        managed.send("{\"type\":\"ping\"}");
        Object managedPong = managed.next(m -> true);
        Socket global = connect(GLOBAL_KEY);
        global.send("{\"type\":\"ping\"}");

        // then
        assertThat(JsonText.at(managedPong, "type")).isEqualTo("pong");
        assertThat(JsonText.at(global.next(m -> true), "type")).isEqualTo("pong");
        managed.ws.close(1000, null);
    }

    @Test
    void should_report_bad_commands_as_errors() throws InterruptedException {
        // given
        Socket ws = connect(session);

        // when
        ws.send("{\"type\":\"start\",\"prompt\":\"   \"}");
        ws.send("not json");
        ws.send("{\"type\":\"dance\"}");

        // then
        assertThat(JsonText.at(ws.next(m -> true), "code")).isEqualTo("empty_prompt");
        assertThat(JsonText.at(ws.next(m -> true), "code")).isEqualTo("invalid_payload");
        Object unknown = ws.next(m -> true);
        assertThat(JsonText.at(unknown, "code")).isEqualTo("unknown_command");
        assertThat(JsonText.at(unknown, "message")).isEqualTo("Unknown command.");
    }

    @Test
    void should_stream_images_of_a_run_until_stopped() throws InterruptedException {
        // given
        Socket ws = connect(session);

        // when
        ws.send("{\"type\":\"start\",\"prompt\":\"a lighthouse\",\"aspect_ratio\":\"1:1\"}");
        Object running = ws.next(status("running"));
        Object first = ws.next(type("image"));
        ws.send("{\"type\":\"ping\"}");
        Object pong = ws.next(type("pong"));
        ws.send("{\"type\":\"stop\"}");
        Object stopped = ws.next(status("stopped"));

        // then
        String runId = (String) JsonText.at(running, "run_id");
        assertThat(runId).matches("[0-9a-f]{32}");
        assertThat(JsonText.at(running, "aspect_ratio")).isEqualTo("1:1");
        assertThat(JsonText.at(running, "prompt")).isEqualTo("a lighthouse");
        assertThat(JsonText.at(first, "run_id")).isEqualTo(runId);
        assertThat(JsonText.at(first, "sequence")).isEqualTo(1L);
        assertThat(JsonText.at(first, "aspect_ratio")).isEqualTo("1:1");
        assertThat(new String(
                        Base64.getDecoder().decode((String) JsonText.at(first, "b64_json")), StandardCharsets.UTF_8))
                .startsWith("mock-asset:/imagine-public/images/r");
        assertThat(pong).isNotNull();
        assertThat(JsonText.at(stopped, "run_id")).isEqualTo(runId);
        Object sent = JsonText.parse(gateway.grok.websocketMessages().get(0));
        assertThat(JsonText.at(sent, "item.content.0.properties.aspect_ratio")).isEqualTo("1:1");
    }

    @Test
    void should_stay_healthy_when_stopped_right_after_start() throws InterruptedException {
        // given
        Socket ws = connect(session);

        // when
        ws.send("{\"type\":\"start\",\"prompt\":\"a lighthouse\"}");
        ws.send("{\"type\":\"stop\"}");
        Object running = ws.next(status("running"));
        Object stopped = ws.next(status("stopped"));
        ws.send("{\"type\":\"ping\"}");

        // then
        assertThat(JsonText.at(running, "aspect_ratio")).isEqualTo("2:3");
        assertThat(JsonText.at(stopped, "run_id")).isEqualTo(JsonText.at(running, "run_id"));
        assertThat(JsonText.at(ws.next(type("pong")), "type")).isEqualTo("pong");
    }

    @Test
    void should_stop_the_previous_run_when_a_new_one_starts() throws InterruptedException {
        // given
        Socket ws = connect(session);
        ws.send("{\"type\":\"start\",\"prompt\":\"first\"}");
        Object first = ws.next(status("running"));

        // when
        ws.send("{\"type\":\"start\",\"prompt\":\"second\"}");
        Object second = ws.next(status("running"));
        Object stopped = ws.next(status("stopped"));

        // then
        assertThat(JsonText.at(stopped, "run_id")).isEqualTo(JsonText.at(first, "run_id"));
        assertThat(JsonText.at(second, "run_id")).isNotEqualTo(JsonText.at(first, "run_id"));
    }
}
