package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.service.JobService;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.fake.FakeClock;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.InMemoryLockService;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RefreshSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final FakeClock clock = new FakeClock(T0);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final InMemoryLockService locks = new InMemoryLockService();
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final Map<String, Object> config =
            new HashMap<>(Map.of("token.refresh_interval_hours", 8, "performance.usage_max_concurrent", 2));
    private final SettingsSource settings = () -> Settings.of(config);
    private final TokenRefreshJobs jobs = new TokenRefreshJobs(
            new JobService(Runnable::run, clock, new SplittableRandom(1)),
            new GrokTokenRefresher(
                    store,
                    upstream,
                    new CooldownPolicy(settings),
                    new ConcurrencyLimit(() -> 2, "a quota query"),
                    clock,
                    new SplittableRandom(2),
                    account -> {}),
            settings);

    private RefreshScheduler scheduler(String owner) {
        return new RefreshScheduler(store, jobs, locks, settings, clock, owner);
    }

    private void add(String token) {
        store.insertIfAbsent(List.of(GrokToken.newAccount(SsoCredential.parse(token), TokenPool.BASIC, T0)));
    }

    /** A recently synced account with quota left: nothing to refresh. */
    private void addFresh(String token) {
        add(token);
        store.recordSync(
                token, QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(50, 80, 72_000)), false, clock.instant());
    }

    private List<String> refreshed() {
        return upstream.otherCalls().stream()
                .map(call -> call.substring(call.lastIndexOf(':') + 1))
                .toList();
    }

    @Test
    void should_refresh_cooling_and_never_synced_accounts_but_not_fresh_or_invalid_ones() throws Exception {
        // given
        add("sso-never-synced");
        addFresh("sso-fresh");
        addFresh("sso-cooling");
        store.coolDown("sso-cooling", T0.plusSeconds(60), new TokenFailure("upstream_rate_limited", "429", T0));
        add("sso-invalid");
        store.invalidate("sso-invalid", new TokenFailure("account_blocked", "blocked", T0));
        add("sso-disabled");
        store.edit("sso-disabled", TokenEdit.none().withStatus(TokenStatus.DISABLED));
        clock.advance(Duration.ofHours(8));
        addFresh("sso-cooling-but-just-synced");
        store.edit("sso-cooling-but-just-synced", TokenEdit.none().withStatus(TokenStatus.COOLING));

        // when
        RefreshScheduler.Report report = scheduler("instance-a").tick();

        // then
        assertThat(report.outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);
        assertThat(report.job().kind()).isEqualTo(TokenRefreshJobs.QUOTA);
        assertThat(refreshed()).containsExactlyInAnyOrder("sso-never-synced", "sso-cooling");
        assertThat(store.find("sso-cooling").orElseThrow().status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void should_do_nothing_when_auto_refresh_is_off() throws Exception {
        // given
        config.put("token.auto_refresh", false);
        add("sso-a");

        // when
        RefreshScheduler.Report report = scheduler("instance-a").tick();

        // then
        assertThat(report.outcome()).isEqualTo(RefreshScheduler.Outcome.DISABLED);
        assertThat(upstream.otherCalls()).isEmpty();
    }

    @Test
    void should_run_once_per_interval_on_one_instance_of_the_cluster() throws Exception {
        // given
        add("sso-a");
        RefreshScheduler a = scheduler("instance-a");
        RefreshScheduler b = scheduler("instance-b");

        // when / then
        assertThat(a.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);
        assertThat(b.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.LOCKED);
        clock.advance(Duration.ofHours(7));
        assertThat(a.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.NOT_DUE);
        assertThat(b.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.LOCKED);
        clock.advance(Duration.ofHours(1));
        assertThat(a.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);
        assertThat(b.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.LOCKED);
    }

    @Test
    void should_let_another_instance_take_over_when_the_holder_stops() throws Exception {
        // given
        add("sso-a");
        assertThat(scheduler("instance-a").tick().outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);

        // when: instance-a is gone; its lease lapses after one interval
        clock.advance(Duration.ofHours(8));

        // then
        assertThat(scheduler("instance-b").tick().outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);
    }

    @Test
    void should_apply_a_new_interval_at_the_next_tick_without_a_restart() throws Exception {
        // given
        add("sso-a");
        RefreshScheduler a = scheduler("instance-a");
        a.tick();
        clock.advance(Duration.ofHours(2));
        assertThat(a.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.NOT_DUE);

        // when
        config.put("token.refresh_interval_hours", 1);

        // then
        assertThat(a.tick().outcome()).isEqualTo(RefreshScheduler.Outcome.RAN);
    }

    @Test
    void should_count_accounts_that_turn_out_invalid() throws Exception {
        // given
        config.put("token.fail_threshold", 1);
        add("sso-dead");
        upstream.rateLimitsFor("sso-dead", () -> {
            throw new InvalidCredentialsException(401, "session not found");
        });
        add("sso-live");
        upstream.rateLimitsFor("sso-live", () -> new RateLimits(12, 80, 72_000));

        // when
        RefreshScheduler.Report report = scheduler("instance-a").tick();

        // then
        assertThat(report.job().total()).isEqualTo(2);
        assertThat(report.job().succeeded()).isEqualTo(1);
        assertThat(report.job().counter("invalid")).isEqualTo(1);
        assertThat(store.find("sso-dead").orElseThrow().status()).isEqualTo(TokenStatus.INVALID);
    }
}
