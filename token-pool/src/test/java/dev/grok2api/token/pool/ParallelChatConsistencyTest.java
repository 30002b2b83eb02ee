package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ChatRequest;
import dev.grok2api.core.chat.Role;
import dev.grok2api.core.chat.TokenCounter;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.service.AttachmentResolver;
import dev.grok2api.core.service.ChatService;
import dev.grok2api.core.service.MediaLinks;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.FakeGrokUpstream.Script;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances (each its own selector and chat service) share one store and serve 200 chats at once over 20
 * accounts: every use is counted exactly once and every stored quota ends as Grok reports it.
 */
class ParallelChatConsistencyTest {
    private static final int ACCOUNTS = 20;
    private static final int CHATS = 200;

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();

    private static Settings settings() {
        return MutableSettings.with(Map.of(
                        "grok.base_url",
                        "https://grok.example",
                        "grok.filter_tags",
                        List.of(),
                        "performance.usage_max_concurrent",
                        5))
                .current();
    }

    /** Grok's count for an account: 80 minus the chats it has received so far. */
    private RateLimits remainingFor(String sso) {
        long used = upstream.calls().stream()
                .filter(call -> call.credential().sso().equals(sso))
                .count();
        return new RateLimits((int) (80 - used), 80, 72_000);
    }

    @Test
    void should_count_every_use_once_and_end_with_grok_quotas_when_two_instances_serve_in_parallel() throws Exception {
        // given
        List<GrokToken> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String sso = "sso-parallel-" + i;
            accounts.add(GrokToken.newAccount(
                    SsoCredential.parse(sso),
                    TokenPool.BASIC,
                    InstantSource.system().instant()));
            upstream.rateLimitsFor(sso, () -> remainingFor(sso));
        }
        store.insertIfAbsent(accounts);
        for (int i = 0; i < CHATS; i++) {
            upstream.enqueue(Script.answer("ok"));
        }
        SettingsSource settings = SettingsSource.fixed(settings());
        IndexedTokenSelector first =
                IndexedTokenSelector.builder(store, upstream, settings).build();
        IndexedTokenSelector second =
                IndexedTokenSelector.builder(store, upstream, settings).build();
        List<ChatService> instances = List.of(chat(first, settings), chat(second, settings));

        // when
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CHATS; i++) {
                ChatService chat = instances.get(i % 2);
                ChatRequest request = ChatRequest.of("grok-3", List.of(ChatMessage.of(Role.USER, "question " + i)));
                done.add(clients.submit(() -> {
                    start.await();
                    return chat.complete(request);
                }));
            }
            start.countDown();
            for (Future<?> chat : done) {
                chat.get();
            }
        }
        assertThat(first.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
        first.close();
        second.close();

        // then
        long uses = 0;
        for (GrokToken account : store.listAll()) {
            long calls = upstream.calls().stream()
                    .filter(call -> call.credential().sso().equals(account.token()))
                    .count();
            assertThat(account.useCount()).as(account.token()).isEqualTo(calls);
            assertThat(account.quota().remaining()).as(account.token()).isEqualTo(80 - calls);
            uses += account.useCount();
        }
        assertThat(uses).isEqualTo(CHATS);
        assertThat(upstream.calls()).hasSize(CHATS);
    }

    private ChatService chat(IndexedTokenSelector selector, SettingsSource settings) {
        return new ChatService(
                ModelCatalog.standard(),
                selector,
                upstream,
                new AttachmentResolver((url, imageOnly) -> {
                    throw new AssertionError("no remote attachments in this test: " + url);
                }),
                new MediaLinks(new InMemoryMediaStore(), upstream, settings),
                settings,
                TokenCounter.heuristic(),
                InstantSource.system(),
                new Random(1));
    }
}
