package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed client keys and their daily quotas through the real server, on SQLite. */
class ApiKeysIT {
    private static final String CHAT = chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "Hi"}));

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir);
        session = gateway.login();
        gateway.addTokens(session, "sso=eyJhbGciOiJIUzI1NiJ9.keys-account.sig");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> admin(String path, String body) {
        HttpResponse<String> response = gateway.post(path, body, session);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private String createKey(String body) {
        return (String) json(admin("/api/v1/admin/keys", body), "data.key");
    }

    private HttpResponse<String> chat(String key) {
        return gateway.post("/v1/chat/completions", CHAT, key);
    }

    @Test
    void should_be_open_until_the_first_key_exists() {
        // given
        assertThat(gateway.get("/v1/models", null).statusCode()).isEqualTo(200);

        // when
        String key = createKey("{\"name\":\"first\"}");

        // then
        assertThat(gateway.get("/v1/models", null).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/v1/models", key).statusCode()).isEqualTo(200);
    }

    @Test
    void should_refuse_requests_past_the_daily_limit_and_show_the_usage() {
        // given
        String key = createKey("{\"name\":\"limited\",\"limits\":{\"chat_per_day\":1}}");
        gateway.grok.enqueueChat(GrokReply.text("one"));
        assertThat(chat(key).statusCode()).isEqualTo(200);

        // when
        HttpResponse<String> refused = chat(key);

        // then
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused, "error.code")).isEqualTo("daily_quota_exceeded");
        assertThat(json(refused, "error.type")).isEqualTo("rate_limit_error");
        assertThat(json(refused, "error.message")).isEqualTo("Daily quota exceeded: chat");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> list = gateway.get("/api/v1/admin/keys", session);
        assertThat(json(list, "data.0.name")).isEqualTo("limited");
        assertThat(json(list, "data.0.usage_today.chat_used")).isEqualTo(1L);
        assertThat(json(list, "data.0.remaining_today.chat")).isEqualTo(0L);
        assertThat(json(list, "data.0.remaining_today.heavy")).isNull();
        assertThat(json(list, "data.0.chat_limit")).isEqualTo(1L);
        assertThat((String) json(list, "data.0.display_key")).contains("…");
        assertThat(list.body()).doesNotContain(key);
    }

    @Test
    void should_let_exactly_ten_of_a_hundred_parallel_chats_through_a_daily_limit_of_ten() throws Exception {
        // given
        String key = createKey("{\"name\":\"racer\",\"limits\":{\"chat_per_day\":10}}");
        for (int i = 0; i < 10; i++) {
            gateway.grok.enqueueChat(GrokReply.text("answer " + i));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> racing = new ArrayList<>();

        // when
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                racing.add(clients.submit(() -> {
                    go.await();
                    return chat(key);
                }));
            }
            go.countDown();
        }

        // then
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Future<HttpResponse<String>> response : racing) {
            HttpResponse<String> answered = response.get();
            statuses.merge(answered.statusCode(), 1L, Long::sum);
            if (answered.statusCode() == 429) {
                assertThat(json(answered, "error.code")).isEqualTo("daily_quota_exceeded");
            }
        }
        assertThat(statuses).containsExactly(Map.entry(200, 10L), Map.entry(429, 90L));
        gateway.grok.assertAllRepliesConsumed();
        HttpResponse<String> list = gateway.get("/api/v1/admin/keys", session);
        assertThat(json(list, "data.0.usage_today.chat_used")).isEqualTo(10L);
        assertThat(json(list, "data.0.remaining_today.chat")).isEqualTo(0L);
    }

    @Test
    void should_refund_the_quota_when_grok_fails_before_answering() {
        // given
        String key = createKey("{\"limits\":{\"chat_per_day\":1}}");
        // A Cloudflare challenge fails the request without cooling the only account down.
        gateway.grok.enqueueChat(GrokReply.cloudflareChallenge());
        assertThat(chat(key).statusCode()).isEqualTo(502);

        // when
        gateway.grok.enqueueChat(GrokReply.text("works now"));
        HttpResponse<String> retried = chat(key);

        // then
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    }

    @Test
    void should_manage_keys_by_id_in_batches_and_disable_them() {
        // given
        HttpResponse<String> batch = admin("/api/v1/admin/keys/batch-create", "{\"name_prefix\":\"team\",\"count\":3}");
        String first = (String) json(batch, "data.0.key");
        String firstId = (String) json(batch, "data.0.id");
        String secondId = (String) json(batch, "data.1.id");
        assertThat(gateway.get("/v1/models", first).statusCode()).isEqualTo(200);

        // when
        admin("/api/v1/admin/keys/update", "{\"key\":\"" + firstId + "\",\"is_active\":false,\"name\":\"renamed\"}");
        admin("/api/v1/admin/keys/batch-delete", "{\"keys\":[\"" + secondId + "\",\"unknown\"]}");

        // then
        assertThat(gateway.get("/v1/models", first).statusCode()).isEqualTo(401);
        HttpResponse<String> list = gateway.get("/api/v1/admin/keys?search=renamed", session);
        assertThat(json(list, "total")).isEqualTo(1L);
        assertThat(json(list, "data.0.is_active")).isEqualTo(false);
        assertThat(json(gateway.get("/api/v1/admin/keys", session), "total")).isEqualTo(2L);
        HttpResponse<String> missing = gateway.post("/api/v1/admin/keys/delete", "{\"key\":\"nope\"}", session);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(gateway.post("/api/v1/admin/keys/delete", "{}", session).statusCode())
                .isEqualTo(400);
        HttpResponse<String> duplicate = gateway.post("/api/v1/admin/keys", "{\"key\":\"" + first + "\"}", session);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate, "error.message")).isEqualTo("Key already exists");
    }

    @Test
    void should_refuse_models_outside_a_keys_allow_list() {
        String key = createKey("{\"allowed_models\":[\"grok-4.1-fast\"]}");
        HttpResponse<String> refused = chat(key);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused, "error.code")).isEqualTo("model_not_allowed");
    }
}
