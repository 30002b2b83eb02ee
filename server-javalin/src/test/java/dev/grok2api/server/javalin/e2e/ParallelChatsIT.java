package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.token.GrokToken;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.MockGrokServer;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 chats at once over 20 accounts: every use is counted exactly once and every quota ends as Grok reports it. */
class ParallelChatsIT {
    private static final int ACCOUNTS = 20;
    private static final int CHATS = 200;

    @TempDir
    Path dataDir;

    @Test
    void should_leave_use_counts_and_quotas_exactly_consistent_after_200_parallel_chats_over_20_accounts()
            throws Exception {
        // given
        GatewayHarness gateway = GatewayHarness.start(dataDir);
        MockGrokServer grok = gateway.grok;
        try {
            String session = gateway.login();
            String[] tokens = new String[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                tokens[i] = "sso-parallel-account-" + i;
            }
            gateway.addTokens(session, tokens);
            for (int i = 0; i < CHATS; i++) {
                grok.enqueueChat(GrokReply.text("answer"));
            }

            // when
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < CHATS; i++) {
                    String body =
                            chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "question " + i}));
                    responses.add(clients.submit(() -> {
                        start.await();
                        return gateway.post("/v1/chat/completions", body, null);
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> response : responses) {
                    assertThat(response.get().statusCode())
                            .as(response.get().body())
                            .isEqualTo(200);
                }
            }
            // Closing waits for the quota syncs still running, as a shutdown does.
            gateway.server.close();

            // then
            Map<String, Long> served = grok.chatRequests().stream()
                    .collect(Collectors.groupingBy(RecordedGrokRequest::sso, Collectors.counting()));
            try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.sqlite(dataDir))) {
                Map<String, GrokToken> stored = storage.tokenStore().listAll().stream()
                        .collect(Collectors.toMap(GrokToken::token, Function.identity()));
                assertThat(stored).hasSize(ACCOUNTS);
                long uses = 0;
                for (GrokToken account : stored.values()) {
                    long calls = served.getOrDefault(account.token(), 0L);
                    assertThat(account.useCount()).as(account.token()).isEqualTo(calls);
                    if (calls > 0) {
                        assertThat(account.quota().remaining())
                                .as(account.token())
                                .isEqualTo(MockGrokServer.WINDOW_QUERIES - calls);
                    }
                    uses += account.useCount();
                }
                assertThat(uses).isEqualTo(CHATS);
            }
            assertThat(grok.pendingChatReplies()).isZero();
        } finally {
            grok.close();
        }
    }
}
