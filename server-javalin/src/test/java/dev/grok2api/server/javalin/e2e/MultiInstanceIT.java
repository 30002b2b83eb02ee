package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.server.javalin.storage.Storage;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.MockGrokServer;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import dev.grok2api.testkit.junit.RealServer;
import dev.grok2api.testkit.junit.RequiresRealServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server instances on one shared backend, with no load balancer: the client alternates between them. 500
 * chats over 10 accounts with one managed key limited to 500 chats a day; afterwards every use count, quota, the key's
 * usage, the statistics and the request log add up exactly, and a configuration change made through one instance
 * reaches the other within 5 s.
 */
class MultiInstanceIT {
    private static final int ACCOUNTS = 10;
    private static final int CHATS = 500;
    private static final int CLIENTS = 16;
    private static final Duration CONFIG_DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path firstDir;

    @TempDir
    Path secondDir;

    @Test
    @RequiresRealServer(RealServer.POSTGRES)
    void should_serve_as_one_gateway_when_two_instances_share_postgresql() throws Exception {
        try (SharedBackend backend = SharedBackend.postgres()) {
            serveAsOne(backend);
        }
    }

    @Test
    @RequiresRealServer(RealServer.REDIS)
    void should_serve_as_one_gateway_when_two_instances_share_redis() throws Exception {
        try (SharedBackend backend = SharedBackend.redis()) {
            serveAsOne(backend);
        }
    }

    private void serveAsOne(SharedBackend backend) throws Exception {
        // The quota day is placed so that it is around noon now: the run never straddles a day boundary.
        long offsetMinutes =
                720 - Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 60;
        QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(offsetMinutes);
        UnaryOperator<ServerOptions> shared = options ->
                backend.select(options).withEnv("CACHE_RESET_TZ_OFFSET_MINUTES", Long.toString(offsetMinutes));
        Instant begin = Instant.now();
        String keyId;
        try (MockGrokServer grok = MockGrokServer.start()) {
            // given
            GatewayHarness first = GatewayHarness.startOn(grok, firstDir, shared);
            GatewayHarness second = null;
            try {
                String session = first.login();
                String[] tokens = new String[ACCOUNTS];
                for (int i = 0; i < ACCOUNTS; i++) {
                    tokens[i] = "sso-shared-account-" + i;
                }
                first.addTokens(session, tokens);
                HttpResponse<String> created = first.post(
                        "/api/v1/admin/keys",
                        "{\"name\":\"shared\",\"limits\":{\"chat_per_day\":" + CHATS + "}}",
                        session);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
                String key = (String) json(created, "data.key");
                keyId = (String) json(created, "data.id");
                second = GatewayHarness.startOn(grok, secondDir, shared);
                List<GatewayHarness> both = List.of(first, second);
                for (int i = 0; i < CHATS; i++) {
                    grok.enqueueChat(GrokReply.text("answer " + i));
                }

                // when
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                    for (int i = 0; i < CHATS; i++) {
                        GatewayHarness gateway = both.get(i % 2);
                        String body =
                                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "question " + i}));
                        answers.add(clients.submit(() -> gateway.post("/v1/chat/completions", body, key)));
                    }
                }

                // then
                for (Future<HttpResponse<String>> answer : answers) {
                    assertThat(answer.get().statusCode())
                            .as(answer.get().body())
                            .isEqualTo(200);
                }
                for (GatewayHarness gateway : both) {
                    HttpResponse<String> refused = gateway.post(
                            "/v1/chat/completions",
                            chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "one more"})),
                            key);
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
                    assertThat(json(refused, "error.code")).isEqualTo("daily_quota_exceeded");
                    HttpResponse<String> keys = gateway.get("/api/v1/admin/keys", session);
                    assertThat(json(keys, "data.0.usage_today.chat_used")).isEqualTo((long) CHATS);
                }
                assertConfigChangeReachesTheOther(first, second, session);
            } finally {
                // Closing waits for the quota syncs and the queued statistics, as a shutdown does.
                if (second != null) {
                    second.close();
                }
                first.close();
            }

            // then: the shared store adds up
            Map<String, Long> served = grok.chatRequests().stream()
                    .collect(Collectors.groupingBy(RecordedGrokRequest::sso, Collectors.counting()));
            assertThat(served.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(CHATS);
            try (Storage storage = Storage.open(shared.apply(ServerOptions.forTests(firstDir)))) {
                List<GrokToken> accounts = storage.tokens().listAll();
                assertThat(accounts).hasSize(ACCOUNTS);
                for (GrokToken account : accounts) {
                    long calls = served.getOrDefault(account.token(), 0L);
                    assertThat(account.useCount()).as(account.token()).isEqualTo(calls);
                    if (calls > 0) {
                        assertThat(account.quota().remaining())
                                .as("quota of " + account.token())
                                .isEqualTo(MockGrokServer.WINDOW_QUERIES - calls);
                    }
                }
                LocalDate today = quotaDay.dayOf(begin);
                assertThat(storage.usage().usage(keyId, today).chat()).isEqualTo(CHATS);
                assertThat(storage.stats().daily(today, today))
                        .extracting(DailyStats::success, DailyStats::failed)
                        .containsExactly(tuple((long) CHATS, 0L));
                List<HourlyStats> hours = storage.stats()
                        .hourly(
                                begin.truncatedTo(ChronoUnit.HOURS),
                                Instant.now().plus(1, ChronoUnit.HOURS));
                assertThat(hours.stream().mapToLong(HourlyStats::success).sum()).isEqualTo(CHATS);
                assertThat(hours.stream().mapToLong(HourlyStats::failed).sum()).isZero();
                assertThat(storage.stats().topModels(10))
                        .extracting(ModelStats::model, ModelStats::success, ModelStats::failed)
                        .containsExactly(tuple("grok-3", (long) CHATS, 0L));
                assertThat(storage.requestLogs()
                                .list(new RequestLogQuery(200, null, "grok-3", "shared", 0, 1))
                                .total())
                        .isEqualTo(CHATS);
                assertThat(storage.requestLogs()
                                .list(new RequestLogQuery(429, null, "grok-3", "shared", 0, 1))
                                .total())
                        .isEqualTo(2);
            }
            grok.assertAllRepliesConsumed();
        }
    }

    /** A change through one instance's admin API, polled on the other's until seen or the deadline passes. */
    private static void assertConfigChangeReachesTheOther(GatewayHarness first, GatewayHarness second, String session) {
        HttpResponse<String> saved = first.post("/api/v1/admin/config", "{\"grok\":{\"max_retry\":1}}", session);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        long start = System.nanoTime();
        Object seen = json(second.get("/api/v1/admin/config", session), "grok.max_retry");
        while (!Long.valueOf(1).equals(seen) && System.nanoTime() - start < CONFIG_DEADLINE.toNanos()) {
            seen = json(second.get("/api/v1/admin/config", session), "grok.max_retry");
        }
        assertThat(seen)
                .as("grok.max_retry on the other instance within " + CONFIG_DEADLINE.toSeconds() + " s")
                .isEqualTo(1L);
    }
}
