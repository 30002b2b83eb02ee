package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.fake.FakeClock;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class QuotaSyncsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ModelSpec GROK_3 =
            ModelCatalog.standard().find("grok-3").orElseThrow();

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final QuotaSyncs syncs = new QuotaSyncs(
            store,
            upstream,
            new CooldownPolicy(() -> Settings.of(Map.of())),
            new ConcurrencyLimit(() -> 1, "a quota query"),
            new FakeClock(T0),
            new IndexedTokenSelector.BackgroundTasks(background::add),
            account -> {});

    private GrokToken use(String token) {
        return store.recordSuccess(token, QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow();
    }

    @Test
    void should_store_the_quota_after_the_latest_use_when_uses_ask_for_syncs_out_of_order() {
        // given: two uses recorded; their threads ask for a sync in the opposite order
        store.insertIfAbsent(List.of(GrokToken.newAccount(SsoCredential.parse("sso-order"), TokenPool.BASIC, T0)));
        GrokToken first = use("sso-order");
        GrokToken second = use("sso-order");
        upstream.rateLimitsFor("sso-order", () -> new RateLimits(70, 80, 72_000));

        // when
        syncs.request(second, GROK_3);
        syncs.request(first, GROK_3);
        while (!background.isEmpty()) {
            background.poll().run();
        }

        // then: the sync followed the latest use, so the store took Grok's figure rather than keeping its estimate
        assertThat(store.find("sso-order").orElseThrow().quota().remaining()).isEqualTo(70);
    }
}
