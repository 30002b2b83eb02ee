package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaRefreshResult;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.fake.FakeClock;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GrokTokenRefresherTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final FakeClock clock = new FakeClock(T0);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final List<GrokToken> updates = new ArrayList<>();
    private final GrokTokenRefresher refresher = new GrokTokenRefresher(
            store,
            upstream,
            new CooldownPolicy(SettingsSource.fixed(Settings.of(Map.of("token.fail_threshold", 2)))),
            new ConcurrencyLimit(() -> 4, "a quota query"),
            clock,
            new SplittableRandom(3),
            updates::add);

    private void add(String token, TokenPool pool) {
        store.insertIfAbsent(List.of(GrokToken.newAccount(SsoCredential.parse(token), pool, T0)));
    }

    private GrokToken stored(String token) {
        return store.find(token).orElseThrow();
    }

    // ---- quota ----------------------------------------------------------------------------------------------

    @Test
    void should_store_the_normal_quota_of_a_basic_account_when_refreshed() {
        // given
        add("sso-basic", TokenPool.BASIC);
        upstream.rateLimitsFor("sso-basic", () -> new RateLimits(33, 80, 72_000));

        // when
        QuotaRefreshResult result = refresher.refreshQuota("sso-basic");

        // then
        assertThat(result.ok()).isTrue();
        assertThat(stored("sso-basic").quota()).isEqualTo(new Quota(33, 80, 72_000));
        assertThat(stored("sso-basic").lastSyncAt()).isEqualTo(T0);
        assertThat(upstream.otherCalls()).containsExactly("rate-limits:grok-3:sso-basic");
        assertThat(updates).last().isEqualTo(stored("sso-basic"));
    }

    @Test
    void should_store_both_buckets_of_a_super_account_when_refreshed() {
        // given
        add("sso-super", TokenPool.SUPER);

        // when
        refresher.refreshQuota("sso-super");

        // then
        assertThat(upstream.otherCalls())
                .containsExactly("rate-limits:grok-3:sso-super", "rate-limits:grok-4-heavy:sso-super");
        assertThat(stored("sso-super").heavyQuota().known()).isTrue();
    }

    @Test
    void should_revive_an_invalid_account_and_end_its_cooldown_when_a_refresh_shows_quota() {
        // given
        add("sso-back", TokenPool.BASIC);
        store.coolDown("sso-back", T0.plusSeconds(3600), new TokenFailure("upstream_rate_limited", "429", T0));
        add("sso-dead", TokenPool.BASIC);
        store.invalidate("sso-dead", new TokenFailure("upstream_invalid_credentials", "401", T0));

        // when
        refresher.refreshQuota("sso-back");
        refresher.refreshQuota("sso-dead");

        // then
        assertThat(stored("sso-back").status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(stored("sso-back").cooldownUntil()).isNull();
        assertThat(stored("sso-dead").status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void should_cool_an_account_until_its_window_resets_when_a_refresh_shows_no_quota() {
        // given
        add("sso-empty", TokenPool.BASIC);
        upstream.rateLimitsFor("sso-empty", () -> new RateLimits(0, 80, 7200));

        // when
        refresher.refreshQuota("sso-empty");

        // then
        assertThat(stored("sso-empty").status()).isEqualTo(TokenStatus.COOLING);
        assertThat(stored("sso-empty").cooldownUntil()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void should_count_invalid_credentials_and_report_failure_when_a_refresh_is_refused() {
        // given
        add("sso-401", TokenPool.BASIC);
        upstream.rateLimitsFor("sso-401", () -> {
            throw new InvalidCredentialsException(401, "Failed to look up session ID");
        });

        // when
        QuotaRefreshResult first = refresher.refreshQuota("sso-401");
        refresher.refreshQuota("sso-401");

        // then: the threshold of this test is 2
        assertThat(first.ok()).isFalse();
        assertThat(first.error()).contains("invalid or expired");
        assertThat(stored("sso-401").status()).isEqualTo(TokenStatus.INVALID);
    }

    @Test
    void should_report_an_unknown_token_without_calling_grok() {
        // when
        QuotaRefreshResult result = refresher.refreshQuota("sso-nobody");

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.account()).isNull();
        assertThat(upstream.otherCalls()).isEmpty();
    }

    // ---- account settings -----------------------------------------------------------------------------------

    @Test
    void should_accept_the_terms_then_set_the_birth_date_then_enable_nsfw() {
        // given
        add("sso-new", TokenPool.BASIC);

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-new", 3);

        // then
        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(upstream.otherCalls()).containsExactly("tos:sso-new", "birth:sso-new", "nsfw:sso-new");
    }

    @Test
    void should_resume_at_the_failed_step_when_a_retry_succeeds() {
        // given: the birth-date step fails once
        add("sso-flaky", TokenPool.BASIC);
        AtomicInteger failures = new AtomicInteger();
        upstream.failStep(
                "sso-flaky",
                "birth",
                () -> failures.getAndIncrement() == 0 ? new UpstreamException(500, "oops") : null);

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-flaky", 1);

        // then
        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(upstream.otherCalls())
                .containsExactly("tos:sso-flaky", "birth:sso-flaky", "birth:sso-flaky", "nsfw:sso-flaky");
    }

    @Test
    void should_invalidate_with_the_reference_reason_when_every_attempt_fails() {
        // given
        add("sso-bad", TokenPool.BASIC);
        upstream.failStep("sso-bad", "nsfw", () -> new UpstreamException(400, "feature controls refused"));

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-bad", 2);

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.step()).isEqualTo("nsfw");
        assertThat(result.invalidated()).isTrue();
        GrokToken after = stored("sso-bad");
        assertThat(after.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(after.lastFailure().code()).isEqualTo("account_settings_refresh_failed");
        assertThat(after.lastFailure().message())
                .startsWith("account_settings_refresh_failed step=nsfw attempts=3 error=")
                .contains("400")
                .hasSizeLessThanOrEqualTo(TokenFailure.MAX_MESSAGE_LENGTH);
    }

    @Test
    void should_not_invalidate_when_the_failure_is_a_cloudflare_challenge() {
        // given
        add("sso-cf", TokenPool.BASIC);
        upstream.failStep("sso-cf", "tos", () -> new CloudflareChallengeException(403, "Just a moment..."));

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-cf", 0);

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.step()).isEqualTo("tos");
        assertThat(result.invalidated()).isFalse();
        assertThat(stored("sso-cf").status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void should_treat_a_birth_date_change_limit_as_already_set() {
        // given
        add("sso-aged", TokenPool.BASIC);
        upstream.failStep(
                "sso-aged",
                "birth",
                () -> new UpstreamRateLimitedException(
                        429, null, "{\"message\":\"[WKE=account:birth-date-change-limit-reached]\"}"));

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-aged", 0);

        // then
        assertThat(result.ok()).isTrue();
        assertThat(upstream.otherCalls()).contains("nsfw:sso-aged");
    }

    @Test
    void should_revive_an_account_this_flow_invalidated_when_it_succeeds_later() {
        // given
        add("sso-again", TokenPool.BASIC);
        store.invalidate(
                "sso-again", new TokenFailure("account_settings_refresh_failed", "step=tos attempts=4 error=x", T0));
        add("sso-blocked", TokenPool.BASIC);
        store.invalidate("sso-blocked", new TokenFailure("account_blocked", "blocked", T0));

        // when
        refresher.refreshAccountSettings("sso-again", 0);
        refresher.refreshAccountSettings("sso-blocked", 0);

        // then: only the invalidity this flow caused is lifted
        assertThat(stored("sso-again").status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(stored("sso-blocked").status()).isEqualTo(TokenStatus.INVALID);
    }

    @Test
    void should_invalidate_a_blocked_account_at_the_first_step() {
        // given
        add("sso-blk", TokenPool.BASIC);
        upstream.failStep("sso-blk", "tos", () -> new AccountBlockedException(403, "blocked-user"));

        // when
        AccountSettingsResult result = refresher.refreshAccountSettings("sso-blk", 0);

        // then
        assertThat(result.invalidated()).isTrue();
        assertThat(stored("sso-blk").status()).isEqualTo(TokenStatus.INVALID);
    }

    @Test
    void should_choose_birth_dates_for_ages_twenty_to_forty_on_days_one_to_twenty_eight() {
        // when
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            dates.add(refresher.randomBirthDate());
        }

        // then
        assertThat(dates).allSatisfy(d -> {
            assertThat(d.getYear()).isBetween(2026 - 40, 2026 - 20);
            assertThat(d.getDayOfMonth()).isBetween(1, 28);
        });
        assertThat(dates.stream().map(LocalDate::getYear).distinct()).hasSize(21);
        assertThat(dates.stream().map(LocalDate::getDayOfMonth).distinct()).hasSize(28);
    }

    @Test
    void should_keep_a_disabled_account_disabled_when_refreshed() {
        // given
        add("sso-off", TokenPool.BASIC);
        store.edit("sso-off", TokenEdit.none().withStatus(TokenStatus.DISABLED));

        // when
        refresher.refreshQuota("sso-off");

        // then
        assertThat(stored("sso-off").status()).isEqualTo(TokenStatus.DISABLED);
    }
}
