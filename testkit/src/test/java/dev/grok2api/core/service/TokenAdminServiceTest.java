package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobState;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenRefresher;
import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.QuotaRefreshResult;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenImport;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.testkit.fake.FakeClock;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenAdminServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final FakeClock clock = new FakeClock(T0);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final List<String> settingsRefreshed = new CopyOnWriteArrayList<>();
    private final List<Collection<String>> told = new ArrayList<>();
    private final TokenRefresher refresher = new TokenRefresher() {
        @Override
        public QuotaRefreshResult refreshQuota(String token) {
            return new QuotaRefreshResult(token, true, store.find(token).orElse(null), null);
        }

        @Override
        public AccountSettingsResult refreshAccountSettings(String token, int retries) {
            settingsRefreshed.add(token + "/" + retries);
            return new AccountSettingsResult(token, true, 1, null, null, false);
        }
    };
    private final TokenRefreshJobs jobs = new TokenRefreshJobs(
            new JobService(Runnable::run, clock, new SplittableRandom(9)),
            refresher,
            SettingsSource.fixed(Settings.of(Map.of(
                    "token.nsfw_refresh_concurrency", 4,
                    "token.nsfw_refresh_retries", 2,
                    "performance.usage_max_concurrent", 3))));
    private final TokenAdminService admin = new TokenAdminService(store, jobs, told::add, clock);

    private void add(String token, TokenPool pool) {
        store.insertIfAbsent(List.of(GrokToken.newAccount(SsoCredential.parse(token), pool, T0)));
    }

    private GrokToken stored(String token) {
        return store.find(token).orElseThrow();
    }

    private static List<TokenImport> entries(String... raw) {
        return Arrays.stream(raw).map(TokenImport::of).toList();
    }

    // ---- import ---------------------------------------------------------------------------------------------

    @Test
    void should_normalise_deduplicate_and_report_each_entry_when_importing() {
        // given
        add("sso-old", TokenPool.SUPER);

        // when
        TokenAdminService.ImportReport report = admin.importTokens(
                entries(
                        "sso=sso-new-1",
                        "sso-new-2",
                        "sso-new-1",
                        "",
                        "sso-old",
                        "foo=1; bar=2",
                        "sso-rw=rw-3; sso=sso-new-3",
                        "x".repeat(600)),
                TokenPool.BASIC,
                false,
                true);

        // then
        assertThat(report.applied()).isTrue();
        assertThat(report.added()).containsExactly("sso-new-1", "sso-new-2", "sso-new-3");
        assertThat(report.existing()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.blank()).isEqualTo(1);
        assertThat(report.rejected())
                .extracting(TokenAdminService.Rejected::index)
                .containsExactly(5, 7);
        assertThat(stored("sso-new-3").credential()).isEqualTo(new SsoCredential("sso-new-3", "rw-3"));
        assertThat(stored("sso-new-1").pool()).isEqualTo(TokenPool.BASIC);
        assertThat(stored("sso-old").pool()).isEqualTo(TokenPool.SUPER);
        assertThat(told).containsExactly(List.of("sso-new-1", "sso-new-2", "sso-new-3"));
    }

    @Test
    void should_refresh_account_settings_of_new_accounts_in_the_background_with_the_configured_retries() {
        // when
        TokenAdminService.ImportReport report =
                admin.importTokens(entries("sso-a", "sso-b"), TokenPool.BASIC, false, true);

        // then
        Job job = report.accountSettingsJob();
        assertThat(job.kind()).isEqualTo(TokenRefreshJobs.ACCOUNT_SETTINGS);
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.parameters()).containsEntry("concurrency", 4).containsEntry("retries", 2);
        assertThat(settingsRefreshed).containsExactly("sso-a/2", "sso-b/2");
    }

    @Test
    void should_write_nothing_and_start_nothing_when_previewing_an_import() {
        // given
        add("sso-old", TokenPool.BASIC);
        long marker = store.changeMarker();

        // when
        TokenAdminService.ImportReport report =
                admin.importTokens(entries("sso-old", "sso-new"), TokenPool.BASIC, true, true);

        // then
        assertThat(report.applied()).isFalse();
        assertThat(report.added()).containsExactly("sso-new");
        assertThat(report.existing()).isEqualTo(1);
        assertThat(report.existingSample()).hasSize(1);
        assertThat(report.accountSettingsJob()).isNull();
        assertThat(store.changeMarker()).isEqualTo(marker);
        assertThat(settingsRefreshed).isEmpty();
    }

    @Test
    void should_take_the_fields_an_import_entry_gives() {
        // when
        admin.importTokens(
                List.of(new TokenImport(
                        "sso-full",
                        TokenPool.SUPER,
                        TokenStatus.DISABLED,
                        new Quota(12, Quota.UNKNOWN, 0),
                        new Quota(3, Quota.UNKNOWN, 0),
                        "from export",
                        List.of("eu"))),
                TokenPool.BASIC,
                false,
                false);

        // then
        GrokToken account = stored("sso-full");
        assertThat(account.pool()).isEqualTo(TokenPool.SUPER);
        assertThat(account.status()).isEqualTo(TokenStatus.DISABLED);
        assertThat(account.quota().remaining()).isEqualTo(12);
        assertThat(account.heavyQuota().remaining()).isEqualTo(3);
        assertThat(account.note()).isEqualTo("from export");
        assertThat(account.tags()).containsExactly("eu");
        assertThat(settingsRefreshed).isEmpty();
    }

    // ---- the reference's full-map form ----------------------------------------------------------------------

    @Test
    void should_merge_the_full_map_without_touching_what_the_server_owns() {
        // given: an account the server has used since the UI loaded it
        add("sso-used", TokenPool.BASIC);
        store.edit("sso-used", TokenEdit.none().withTags(List.of("keep-me")));
        store.recordSuccess("sso-used", QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(7, 80, 72_000)), T0);
        add("sso-gone", TokenPool.BASIC);

        // when: the stale UI posts its copy with an edited note and a moved pool, and without sso-gone
        TokenAdminService.MergeReport report = admin.mergePools(Map.of(
                TokenPool.SUPER,
                List.of(new TokenImport(
                        "sso-used", null, TokenStatus.ACTIVE, new Quota(80, -1, 0), null, "edited", null)),
                TokenPool.BASIC,
                List.of(new TokenImport("sso=sso-fresh", null, TokenStatus.INVALID, null, null, "new one", null))));

        // then
        GrokToken used = stored("sso-used");
        assertThat(used.pool()).isEqualTo(TokenPool.SUPER);
        assertThat(used.note()).isEqualTo("edited");
        assertThat(used.tags()).containsExactly("keep-me");
        assertThat(used.quota()).isEqualTo(new Quota(7, 80, 72_000));
        assertThat(used.useCount()).isEqualTo(1);
        assertThat(used.lastUsedAt()).isEqualTo(T0);
        assertThat(stored("sso-fresh").status()).isEqualTo(TokenStatus.INVALID);
        assertThat(stored("sso-fresh").note()).isEqualTo("new one");
        assertThat(store.find("sso-gone")).isEmpty();
        assertThat(report.added()).containsExactly("sso-fresh");
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.accountSettingsJob()).isNotNull();
        assertThat(settingsRefreshed).containsExactly("sso-fresh/2");
    }

    @Test
    void should_switch_between_disabled_and_enabled_but_never_revive_through_the_full_map() {
        // given
        add("sso-off", TokenPool.BASIC);
        add("sso-dead", TokenPool.BASIC);
        add("sso-on", TokenPool.BASIC);
        store.edit("sso-off", TokenEdit.none().withStatus(TokenStatus.DISABLED));
        store.invalidate("sso-dead", new TokenFailure("account_blocked", "blocked", T0));

        // when
        admin.mergePools(Map.of(
                TokenPool.BASIC,
                List.of(
                        new TokenImport("sso-off", null, TokenStatus.ACTIVE, null, null, null, null),
                        new TokenImport("sso-dead", null, TokenStatus.ACTIVE, null, null, null, null),
                        new TokenImport("sso-on", null, TokenStatus.DISABLED, null, null, null, null))));

        // then
        assertThat(stored("sso-off").status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(stored("sso-dead").status()).isEqualTo(TokenStatus.INVALID);
        assertThat(stored("sso-on").status()).isEqualTo(TokenStatus.DISABLED);
    }

    @Test
    void should_refuse_a_full_map_without_accounts_when_the_pool_is_not_empty() {
        // given
        add("sso-keep", TokenPool.BASIC);

        // then
        assertThatThrownBy(() -> admin.mergePools(Map.of(TokenPool.BASIC, List.of(), TokenPool.SUPER, List.of())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("would delete all 1 accounts");
        assertThat(store.find("sso-keep")).isPresent();
    }

    // ---- edits ----------------------------------------------------------------------------------------------

    @Test
    void should_make_a_cooling_account_active_when_its_cooldown_is_cleared() {
        // given
        add("sso-cool", TokenPool.BASIC);
        store.coolDown("sso-cool", T0.plusSeconds(600), new TokenFailure("upstream_rate_limited", "429", T0));

        // when
        TokenAdminService.EditReport report = admin.edit(
                List.of("sso=sso-cool", "sso-missing"), TokenEdit.none().withClearedCooldown());

        // then
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.missing()).hasSize(1);
        assertThat(stored("sso-cool").status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(stored("sso-cool").cooldownUntil()).isNull();
        assertThat(told).containsExactly(List.of("sso-cool"));
    }

    @Test
    void should_delete_named_accounts_and_all_invalid_ones() {
        // given
        add("sso-a", TokenPool.BASIC);
        add("sso-b", TokenPool.BASIC);
        add("sso-c", TokenPool.BASIC);
        store.invalidate("sso-c", new TokenFailure("account_blocked", "blocked", T0));

        // then
        assertThat(admin.delete(List.of("sso=sso-a", "sso-nobody"))).isEqualTo(1);
        assertThat(admin.deleteInvalid()).isEqualTo(1);
        assertThat(store.listAll()).extracting(GrokToken::token).containsExactly("sso-b");
    }

    @Test
    void should_return_every_match_across_pages_when_selecting_by_filter() {
        // given
        List<GrokToken> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(GrokToken.newAccount(
                    SsoCredential.parse("sso-m-" + i), i % 2 == 0 ? TokenPool.BASIC : TokenPool.SUPER, T0));
        }
        store.insertIfAbsent(many);

        // when
        List<GrokToken> basic =
                admin.matching(new TokenQuery(TokenPool.BASIC, null, null, null, T0, TokenSort.CREATED_DESC, 40, 10));

        // then: every match, whatever page the query named
        assertThat(basic).hasSize(1_250).allSatisfy(t -> assertThat(t.pool()).isEqualTo(TokenPool.BASIC));
        assertThat(admin.matching(TokenQuery.firstPage(T0, 1))).hasSize(2_500);
    }
}
