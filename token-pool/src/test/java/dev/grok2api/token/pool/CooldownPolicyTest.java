package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CooldownPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final CooldownPolicy policy = new CooldownPolicy(SettingsSource.fixed(Settings.of(Map.of())));
    private final GrokToken account = GrokToken.newAccount(SsoCredential.parse("sso-policy"), TokenPool.BASIC, NOW);

    private CooldownPolicy.Penalty penaltyFor(Grok2ApiException error) {
        return policy.onFailure(account, QuotaBucket.NORMAL, error, NOW);
    }

    @Test
    void should_invalidate_at_once_with_the_reason_when_the_account_is_blocked() {
        // when
        CooldownPolicy.Penalty penalty =
                penaltyFor(new AccountBlockedException(403, "User is blocked [WKE=unauthorized:blocked-user]"));

        // then
        assertThat(penalty).isInstanceOf(CooldownPolicy.Invalidate.class);
        CooldownPolicy.Invalidate invalidate = (CooldownPolicy.Invalidate) penalty;
        assertThat(invalidate.reason().code()).isEqualTo("account_blocked");
        assertThat(invalidate.reason().message()).contains("blocked-user");
        assertThat(invalidate.reason().at()).isEqualTo(NOW);
    }

    @Test
    void should_count_a_failure_against_the_default_threshold_of_five_when_credentials_are_invalid() {
        // when
        CooldownPolicy.Penalty penalty = penaltyFor(new InvalidCredentialsException(401, "Failed to look up session"));

        // then
        assertThat(penalty).isInstanceOf(CooldownPolicy.CountFailure.class);
        CooldownPolicy.CountFailure count = (CooldownPolicy.CountFailure) penalty;
        assertThat(count.threshold()).isEqualTo(5);
        assertThat(count.failure().code()).isEqualTo("upstream_invalid_credentials");
    }

    @Test
    void should_use_the_configured_fail_threshold_when_credentials_are_invalid() {
        // given
        CooldownPolicy configured =
                new CooldownPolicy(SettingsSource.fixed(Settings.of(Map.of("token.fail_threshold", 2))));

        // when
        CooldownPolicy.Penalty penalty =
                configured.onFailure(account, QuotaBucket.NORMAL, new InvalidCredentialsException(401, null), NOW);

        // then
        assertThat(((CooldownPolicy.CountFailure) penalty).threshold()).isEqualTo(2);
    }

    @Test
    void should_cool_down_for_grok_retry_after_when_rate_limited_with_a_hint() {
        // when
        CooldownPolicy.Penalty penalty =
                penaltyFor(new UpstreamRateLimitedException(429, Duration.ofSeconds(90), "Too many requests"));

        // then
        CooldownPolicy.CoolDown coolDown = (CooldownPolicy.CoolDown) penalty;
        assertThat(coolDown.until()).isEqualTo(NOW.plusSeconds(90));
        assertThat(coolDown.reason().code()).isEqualTo("upstream_rate_limited");
        assertThat(coolDown.reason().message()).contains("Too many requests");
    }

    @Test
    void should_cool_down_for_the_known_window_when_rate_limited_without_a_hint() {
        // given: the last sync reported a 2 h window
        GrokToken synced = TokenTransitions.edit(account, TokenEdit.none().withQuota(new Quota(3, 50, 7200)));

        // when
        CooldownPolicy.Penalty penalty =
                policy.onFailure(synced, QuotaBucket.NORMAL, new UpstreamRateLimitedException(429, null, null), NOW);

        // then
        assertThat(((CooldownPolicy.CoolDown) penalty).until()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void should_cool_down_for_an_hour_when_rate_limited_and_nothing_is_known() {
        // when
        CooldownPolicy.Penalty penalty = penaltyFor(new UpstreamRateLimitedException(429, null, null));

        // then
        assertThat(((CooldownPolicy.CoolDown) penalty).until()).isEqualTo(NOW.plus(CooldownPolicy.DEFAULT_WINDOW));
    }

    @Test
    void should_cap_the_cooldown_at_a_day_when_grok_asks_for_longer() {
        // when
        CooldownPolicy.Penalty penalty = penaltyFor(new UpstreamRateLimitedException(429, Duration.ofDays(3), null));

        // then
        assertThat(((CooldownPolicy.CoolDown) penalty).until()).isEqualTo(NOW.plus(CooldownPolicy.MAX_COOLDOWN));
    }

    @Test
    void should_back_off_briefly_when_grok_fails_with_a_5xx() {
        // when
        CooldownPolicy.Penalty penalty = penaltyFor(new UpstreamUnavailableException(503, "down", null, null));

        // then
        CooldownPolicy.CoolDown coolDown = (CooldownPolicy.CoolDown) penalty;
        assertThat(coolDown.until()).isEqualTo(NOW.plus(CooldownPolicy.SHORT_BACKOFF));
        assertThat(coolDown.reason().code()).isEqualTo("upstream_error");
    }

    @Test
    void should_back_off_briefly_when_grok_answers_with_nothing() {
        // when
        CooldownPolicy.Penalty penalty = penaltyFor(UpstreamStreamException.empty());

        // then
        assertThat(((CooldownPolicy.CoolDown) penalty).until()).isEqualTo(NOW.plus(CooldownPolicy.SHORT_BACKOFF));
    }

    @Test
    void should_leave_the_account_alone_when_the_failure_is_not_its_fault() {
        assertThat(penaltyFor(new CloudflareChallengeException(403, "Just a moment...")))
                .isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(new AntiBotRejectedException(403, "anti-bot"))).isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(new UpstreamUnavailableException(0, "connection refused", null, null)))
                .isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(new UpstreamTimeoutException(
                        UpstreamTimeoutException.Phase.FIRST_BYTE, Duration.ofSeconds(30), null)))
                .isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(UpstreamStreamException.truncated("cut"))).isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(new ContentModeratedException(null))).isInstanceOf(CooldownPolicy.None.class);
        assertThat(penaltyFor(new UpstreamException(400, "bad request"))).isInstanceOf(CooldownPolicy.None.class);
    }

    @Test
    void should_cool_down_until_the_window_resets_when_a_sync_shows_the_bucket_exhausted() {
        // given
        GrokToken exhausted = TokenTransitions.edit(account, TokenEdit.none().withQuota(new Quota(0, 80, 72_000)));

        // when / then
        assertThat(policy.afterSync(exhausted, QuotaBucket.NORMAL, NOW)).hasValueSatisfying(c -> {
            assertThat(c.until()).isEqualTo(NOW.plusSeconds(72_000));
            assertThat(c.reason().code()).isEqualTo(CooldownPolicy.QUOTA_EXHAUSTED);
        });
        assertThat(policy.afterSync(account, QuotaBucket.NORMAL, NOW)).isEmpty();
        assertThat(policy.afterSync(exhausted, QuotaBucket.HEAVY, NOW)).isEmpty();
    }

    @Test
    void should_not_extend_a_cooldown_in_force_when_a_sync_shows_the_bucket_exhausted() {
        // given
        GrokToken cooling = TokenTransitions.coolDown(
                TokenTransitions.edit(account, TokenEdit.none().withQuota(new Quota(0, 80, 72_000))),
                NOW.plusSeconds(60),
                new TokenFailure("upstream_rate_limited", "429", NOW));

        // then
        assertThat(policy.afterSync(cooling, QuotaBucket.NORMAL, NOW)).isEmpty();
    }
}
