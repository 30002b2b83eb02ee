package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.fake.FakeClock;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IndexedTokenSelectorTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ModelCatalog CATALOG = ModelCatalog.standard();
    private static final ModelSpec GROK_3 = CATALOG.find("grok-3").orElseThrow();
    private static final ModelSpec HEAVY = CATALOG.find("grok-4-heavy").orElseThrow();
    private static final ModelSpec EXPERT = CATALOG.find("grok-4.1-expert").orElseThrow();

    private final FakeClock clock = new FakeClock(T0);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final Map<String, Object> config = new HashMap<>();
    private final SettingsSource settings = () -> Settings.of(config);
    private Executor executor = Runnable::run;
    private IndexedTokenSelector selector;

    private IndexedTokenSelector selector() {
        if (selector == null) {
            selector = IndexedTokenSelector.builder(store, upstream, settings)
                    .clock(clock)
                    .random(new SplittableRandom(42))
                    .executor(executor)
                    .build();
        }
        return selector;
    }

    private void add(String token, TokenPool pool) {
        store.insertIfAbsent(List.of(GrokToken.newAccount(SsoCredential.parse(token), pool, T0)));
    }

    private void add(String token, TokenPool pool, TokenEdit edit) {
        add(token, pool);
        store.edit(token, edit);
    }

    private String pick(ModelSpec model) {
        return pick(new TokenRequest(model, Set.of(), null));
    }

    private String pick(TokenRequest request) {
        return selector().acquire(request).map(l -> l.token().token()).orElse(null);
    }

    private TokenLease lease(String token, ModelSpec model) {
        return new TokenLease(store.find(token).orElseThrow(), model);
    }

    private GrokToken stored(String token) {
        return store.find(token).orElseThrow();
    }

    private static TokenEdit quota(int remaining) {
        return TokenEdit.none().withQuota(new Quota(remaining, 80, 72_000));
    }

    // ---- selection ------------------------------------------------------------------------------------------

    @Test
    void should_prefer_the_basic_pool_and_fall_back_to_super_when_basic_has_none() {
        // given
        add("sso-basic", TokenPool.BASIC, quota(3));
        add("sso-super", TokenPool.SUPER, quota(70));

        // then: basic first even with less quota
        assertThat(pick(GROK_3)).isEqualTo("sso-basic");

        // when
        selector().reportFailure(lease("sso-basic", GROK_3), new AccountBlockedException(403, "blocked-user"));

        // then
        assertThat(pick(GROK_3)).isEqualTo("sso-super");
    }

    @Test
    void should_serve_the_heavy_model_from_the_super_pool_only() {
        // given
        add("sso-basic", TokenPool.BASIC);

        // then
        assertThat(pick(HEAVY)).isNull();

        // when
        add("sso-super", TokenPool.SUPER);
        selector().changed(List.of("sso-super"));

        // then
        assertThat(pick(HEAVY)).isEqualTo("sso-super");
    }

    @Test
    void should_prefer_unknown_heavy_quota_then_the_most_when_picking_for_the_heavy_model() {
        // given
        add("sso-h-known", TokenPool.SUPER, TokenEdit.none().withHeavyQuota(new Quota(9, 20, 7200)));
        add("sso-h-less", TokenPool.SUPER, TokenEdit.none().withHeavyQuota(new Quota(2, 20, 7200)));
        add("sso-h-unknown", TokenPool.SUPER);
        add("sso-h-none", TokenPool.SUPER, TokenEdit.none().withHeavyQuota(new Quota(0, 20, 7200)));

        // then
        assertThat(pick(HEAVY)).isEqualTo("sso-h-unknown");
        assertThat(pick(new TokenRequest(HEAVY, Set.of("sso-h-unknown"), null))).isEqualTo("sso-h-known");
        assertThat(pick(new TokenRequest(HEAVY, Set.of("sso-h-unknown", "sso-h-known"), null)))
                .isEqualTo("sso-h-less");
        assertThat(pick(new TokenRequest(HEAVY, Set.of("sso-h-unknown", "sso-h-known", "sso-h-less"), null)))
                .isNull();
    }

    @Test
    void should_serve_the_heavy_model_from_an_account_cooling_for_its_normal_quota() {
        // given: normal bucket used up (status cooling, no cooldown), heavy bucket still full
        add("sso-super", TokenPool.SUPER, TokenEdit.none().withHeavyQuota(new Quota(5, 20, 7200)));
        store.recordSuccess("sso-super", GROK_3.quotaBucket(), new QuotaChange.Synced(new Quota(0, 80, 0)), T0);

        // then
        assertThat(stored("sso-super").status()).isEqualTo(TokenStatus.COOLING);
        assertThat(pick(GROK_3)).isNull();
        assertThat(pick(HEAVY)).isEqualTo("sso-super");
    }

    @Test
    void should_pick_the_account_with_the_most_quota_left() {
        // given
        add("sso-10", TokenPool.BASIC, quota(10));
        add("sso-60", TokenPool.BASIC, quota(60));
        add("sso-30", TokenPool.BASIC, quota(30));

        // then
        for (int i = 0; i < 20; i++) {
            assertThat(pick(GROK_3)).isEqualTo("sso-60");
        }
    }

    @Test
    void should_spread_picks_over_accounts_with_equal_quota() {
        // given
        for (int i = 0; i < 4; i++) {
            add("sso-tie-" + i, TokenPool.BASIC, quota(50));
        }
        add("sso-below", TokenPool.BASIC, quota(49));

        // when
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            counts.merge(pick(GROK_3), 1, Integer::sum);
        }

        // then
        assertThat(counts).doesNotContainKey("sso-below").hasSize(4);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void should_skip_invalid_disabled_and_exhausted_accounts() {
        // given
        add("sso-invalid", TokenPool.BASIC, quota(80).withStatus(TokenStatus.INVALID));
        add("sso-disabled", TokenPool.BASIC, quota(80).withStatus(TokenStatus.DISABLED));
        add("sso-empty", TokenPool.BASIC, quota(0));
        add("sso-ok", TokenPool.BASIC, quota(1));

        // then
        assertThat(pick(GROK_3)).isEqualTo("sso-ok");
        assertThat(pick(new TokenRequest(GROK_3, Set.of("sso-ok"), null))).isNull();
    }

    @Test
    void should_skip_an_account_in_cooldown_and_try_it_again_after_the_cooldown() {
        // given
        add("sso-cool", TokenPool.BASIC, quota(80));
        add("sso-low", TokenPool.BASIC, quota(5));
        store.coolDown("sso-cool", T0.plusSeconds(600), new TokenFailure("upstream_rate_limited", "429", T0));

        // then
        assertThat(pick(GROK_3)).isEqualTo("sso-low");

        // when
        clock.advance(Duration.ofSeconds(600));

        // then: the window is presumed reset
        assertThat(pick(GROK_3)).isEqualTo("sso-cool");
    }

    @Test
    void should_keep_a_conversation_on_its_account_while_it_is_usable() {
        // given
        for (int i = 0; i < 10; i++) {
            add("sso-s" + i, TokenPool.BASIC, quota(50));
        }
        String first = pick(new TokenRequest(GROK_3, Set.of(), "conversation-1"));

        // then: the same account every time, although nine others have as much quota
        for (int i = 0; i < 50; i++) {
            assertThat(pick(new TokenRequest(GROK_3, Set.of(), "conversation-1")))
                    .isEqualTo(first);
        }
    }

    @Test
    void should_move_a_conversation_to_another_account_when_its_account_becomes_unusable() {
        // given
        add("sso-a", TokenPool.BASIC, quota(50));
        add("sso-b", TokenPool.BASIC, quota(50));
        String first = pick(new TokenRequest(GROK_3, Set.of(), "conversation-2"));
        String other = first.equals("sso-a") ? "sso-b" : "sso-a";

        // when
        selector().reportFailure(lease(first, GROK_3), new UpstreamRateLimitedException(429, null, null));

        // then: moved, and it stays on the new account
        assertThat(pick(new TokenRequest(GROK_3, Set.of(), "conversation-2"))).isEqualTo(other);
        clock.advance(Duration.ofHours(2));
        assertThat(pick(new TokenRequest(GROK_3, Set.of(), "conversation-2"))).isEqualTo(other);
    }

    @Test
    void should_not_keep_the_sticky_account_when_it_was_already_tried_for_the_request() {
        // given
        add("sso-a", TokenPool.BASIC, quota(50));
        add("sso-b", TokenPool.BASIC, quota(50));
        String first = pick(new TokenRequest(GROK_3, Set.of(), "conversation-3"));

        // then
        assertThat(pick(new TokenRequest(GROK_3, Set.of(first), "conversation-3")))
                .isNotEqualTo(first);
    }

    @Test
    void should_spread_conversations_when_sticky_sessions_are_off() {
        // given
        config.put("token.sticky_sessions", false);
        for (int i = 0; i < 4; i++) {
            add("sso-t" + i, TokenPool.BASIC, quota(50));
        }

        // when
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(pick(new TokenRequest(GROK_3, Set.of(), "conversation-4")), 1, Integer::sum);
        }

        // then
        assertThat(counts).hasSize(4);
    }

    // ---- outcomes -------------------------------------------------------------------------------------------

    @Test
    void should_count_the_use_and_store_the_synced_quota_when_a_call_succeeds() {
        // given
        add("sso-ok", TokenPool.BASIC);
        upstream.rateLimitsFor("sso-ok", () -> new RateLimits(41, 80, 72_000));

        // when
        selector().reportSuccess(lease("sso-ok", GROK_3));

        // then
        GrokToken after = stored("sso-ok");
        assertThat(after.useCount()).isEqualTo(1);
        assertThat(after.quota()).isEqualTo(new Quota(41, 80, 72_000));
        assertThat(after.lastUsedAt()).isEqualTo(T0);
        assertThat(after.lastSyncAt()).isEqualTo(T0);
        assertThat(upstream.otherCalls()).containsExactly("rate-limits:grok-3:sso-ok");
    }

    @Test
    void should_keep_the_local_estimate_by_the_model_cost_when_the_sync_fails() {
        // given
        add("sso-est", TokenPool.BASIC, quota(50));
        upstream.rateLimitsFor("sso-est", () -> {
            throw new UpstreamUnavailableException(503, "down", null, null);
        });

        // when
        selector().reportSuccess(lease("sso-est", GROK_3));
        selector().reportSuccess(lease("sso-est", EXPERT));

        // then: 1 for grok-3, 4 for the expensive mode
        assertThat(stored("sso-est").quota().remaining()).isEqualTo(45);
        assertThat(stored("sso-est").useCount()).isEqualTo(2);
    }

    @Test
    void should_cool_down_until_the_window_resets_when_the_sync_shows_no_quota_left() {
        // given
        add("sso-last", TokenPool.BASIC, quota(1));
        add("sso-other", TokenPool.BASIC, quota(1));
        upstream.rateLimitsFor("sso-last", () -> new RateLimits(0, 80, 72_000));

        // when
        selector().reportSuccess(lease("sso-last", GROK_3));

        // then
        GrokToken after = stored("sso-last");
        assertThat(after.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(after.cooldownUntil()).isEqualTo(T0.plusSeconds(72_000));
        assertThat(after.lastFailure().code()).isEqualTo(CooldownPolicy.QUOTA_EXHAUSTED);
        assertThat(pick(GROK_3)).isEqualTo("sso-other");
    }

    @Test
    void should_cool_down_and_route_around_an_account_when_it_is_rate_limited() {
        // given
        add("sso-429", TokenPool.BASIC, quota(80));
        add("sso-next", TokenPool.BASIC, quota(10));
        assertThat(pick(GROK_3)).isEqualTo("sso-429");

        // when
        selector()
                .reportFailure(
                        lease("sso-429", GROK_3),
                        new UpstreamRateLimitedException(429, Duration.ofMinutes(5), "Too many requests"));

        // then
        GrokToken after = stored("sso-429");
        assertThat(after.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(after.cooldownUntil()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(after.lastFailure().code()).isEqualTo("upstream_rate_limited");
        assertThat(after.failCount()).isZero();
        assertThat(pick(GROK_3)).isEqualTo("sso-next");
    }

    @Test
    void should_invalidate_an_account_after_the_threshold_of_invalid_credentials() {
        // given
        config.put("token.fail_threshold", 3);
        add("sso-401", TokenPool.BASIC);

        // when
        for (int i = 0; i < 2; i++) {
            selector().reportFailure(lease("sso-401", GROK_3), new InvalidCredentialsException(401, "bad session"));
        }

        // then
        assertThat(stored("sso-401").status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(stored("sso-401").failCount()).isEqualTo(2);
        assertThat(pick(GROK_3)).isEqualTo("sso-401");

        // when
        selector().reportFailure(lease("sso-401", GROK_3), new InvalidCredentialsException(401, "bad session"));

        // then
        assertThat(stored("sso-401").status()).isEqualTo(TokenStatus.INVALID);
        assertThat(stored("sso-401").lastFailure().code()).isEqualTo("upstream_invalid_credentials");
        assertThat(pick(GROK_3)).isNull();
    }

    @Test
    void should_reset_the_failure_count_when_a_call_succeeds() {
        // given
        add("sso-flaky", TokenPool.BASIC);
        selector().reportFailure(lease("sso-flaky", GROK_3), new InvalidCredentialsException(401, null));

        // when
        selector().reportSuccess(lease("sso-flaky", GROK_3));

        // then
        assertThat(stored("sso-flaky").failCount()).isZero();
    }

    @Test
    void should_invalidate_a_blocked_account_at_once() {
        // given
        add("sso-blocked", TokenPool.BASIC);

        // when
        selector()
                .reportFailure(
                        lease("sso-blocked", GROK_3),
                        new AccountBlockedException(403, "User is blocked [WKE=unauthorized:blocked-user]"));

        // then
        GrokToken after = stored("sso-blocked");
        assertThat(after.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(after.lastFailure().message()).contains("blocked-user");
    }

    @Test
    void should_leave_the_account_untouched_when_grok_shows_a_cloudflare_challenge() {
        // given
        add("sso-cf", TokenPool.BASIC);
        GrokToken before = stored("sso-cf");
        long marker = store.changeMarker();

        // when
        selector().reportFailure(lease("sso-cf", GROK_3), new CloudflareChallengeException(403, "Just a moment..."));

        // then
        assertThat(stored("sso-cf")).isEqualTo(before);
        assertThat(store.changeMarker()).isEqualTo(marker);
        assertThat(pick(GROK_3)).isEqualTo("sso-cf");
    }

    @Test
    void should_back_off_briefly_after_a_5xx() {
        // given
        add("sso-5xx", TokenPool.BASIC);
        selector()
                .reportFailure(
                        lease("sso-5xx", GROK_3), new UpstreamUnavailableException(502, "bad gateway", null, null));

        // then
        assertThat(pick(GROK_3)).isNull();
        clock.advance(CooldownPolicy.SHORT_BACKOFF);
        assertThat(pick(GROK_3)).isEqualTo("sso-5xx");
    }

    @Test
    void should_sync_each_account_once_per_burst_and_again_after_a_use_during_the_sync() {
        // given: background work queued, run by the test
        Queue<Runnable> queued = new ArrayDeque<>();
        executor = queued::add;
        add("sso-burst", TokenPool.BASIC);
        AtomicInteger syncs = new AtomicInteger();
        upstream.rateLimitsFor("sso-burst", () -> {
            if (syncs.incrementAndGet() == 1) {
                // a use finishes while the first sync is in flight
                selector().reportSuccess(lease("sso-burst", GROK_3));
                return new RateLimits(70, 80, 72_000);
            }
            return new RateLimits(69, 80, 72_000);
        });

        // when: two uses, then the background runs
        selector().reportSuccess(lease("sso-burst", GROK_3));
        selector().reportSuccess(lease("sso-burst", GROK_3));
        while (!queued.isEmpty()) {
            queued.poll().run();
        }

        // then: one sync for the burst, one more for the use during it, the last answer stored
        assertThat(syncs.get()).isEqualTo(2);
        assertThat(stored("sso-burst").useCount()).isEqualTo(3);
        assertThat(stored("sso-burst").quota().remaining()).isEqualTo(69);
    }

    // ---- following the store --------------------------------------------------------------------------------

    @Test
    void should_see_writes_of_another_instance_once_the_change_check_is_due() {
        // given
        add("sso-1", TokenPool.BASIC);
        assertThat(pick(GROK_3)).isEqualTo("sso-1");

        // when: another instance invalidates it and adds one
        store.invalidate("sso-1", new TokenFailure("account_blocked", "blocked", T0));
        add("sso-2", TokenPool.BASIC);

        // then: not before the check is due, then at once
        assertThat(pick(GROK_3)).isEqualTo("sso-1");
        clock.advance(IndexedTokenSelector.CHECK_INTERVAL);
        assertThat(pick(GROK_3)).isEqualTo("sso-2");
    }

    @Test
    void should_follow_updates_of_another_instance_through_the_change_feed_without_reading_the_whole_pool() {
        // given: a selector over a store that counts full reads
        AtomicInteger fullReads = new AtomicInteger();
        TokenStore counting = (TokenStore) Proxy.newProxyInstance(
                TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listAll")) {
                        fullReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        config.put("token.reload_interval_sec", 0L);
        selector = IndexedTokenSelector.builder(counting, upstream, settings)
                .clock(clock)
                .random(new SplittableRandom(42))
                .executor(executor)
                .build();
        add("sso-1", TokenPool.BASIC);
        add("sso-2", TokenPool.BASIC, quota(10));
        assertThat(pick(GROK_3)).isEqualTo("sso-1");

        // when: another instance blocks one account and renews the other's quota
        store.invalidate("sso-1", new TokenFailure("account_blocked", "blocked", T0));
        store.edit("sso-2", quota(80));
        clock.advance(IndexedTokenSelector.CHECK_INTERVAL);
        String picked = pick(GROK_3);

        // then: followed one by one, an added account too; only a deletion makes it read everything again
        assertThat(picked).isEqualTo("sso-2");
        add("sso-3", TokenPool.BASIC, quota(90));
        clock.advance(IndexedTokenSelector.CHECK_INTERVAL);
        assertThat(pick(GROK_3)).isEqualTo("sso-3");
        assertThat(fullReads).hasValue(1);
        store.delete(List.of("sso-3"));
        clock.advance(IndexedTokenSelector.CHECK_INTERVAL);
        pick(GROK_3);
        clock.advance(IndexedTokenSelector.CHECK_INTERVAL);
        assertThat(pick(GROK_3)).isEqualTo("sso-2");
        assertThat(fullReads).hasValue(2);
    }

    @Test
    void should_follow_admin_changes_at_once_when_told() {
        // given
        add("sso-1", TokenPool.BASIC);
        assertThat(pick(GROK_3)).isEqualTo("sso-1");

        // when
        store.edit("sso-1", TokenEdit.none().withStatus(TokenStatus.DISABLED));
        add("sso-2", TokenPool.BASIC);
        selector().changed(List.of("sso-1", "sso-2"));

        // then
        assertThat(pick(GROK_3)).isEqualTo("sso-2");

        // when
        store.delete(List.of("sso-2"));
        selector().changed(List.of("sso-2"));

        // then
        assertThat(pick(GROK_3)).isNull();
    }
}
