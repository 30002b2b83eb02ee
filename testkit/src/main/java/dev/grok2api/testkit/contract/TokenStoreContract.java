package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} must show. Subclass it once per implementation and provide an empty store
 * per test; real-server subclasses also provide a second instance on the same backend, so cross-instance atomicity is
 * proven too.
 *
 * <p>All instants used here have millisecond precision, the precision stores keep.
 */
public abstract class TokenStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");

    /** The store under test; empty at the start of every test. */
    protected abstract TokenStore store();

    /**
     * Another store instance on the same backend as {@link #store()} (another connection pool or client, as a second
     * gateway instance would have), or null when the implementation has no shared backend.
     */
    protected TokenStore secondInstance() {
        return null;
    }

    protected static GrokToken account(String token, TokenPool pool, Instant createdAt) {
        return GrokToken.newAccount(SsoCredential.parse(token), pool, createdAt);
    }

    protected static GrokToken account(String token) {
        return account(token, TokenPool.BASIC, T0);
    }

    private static String name(int i) {
        return String.format("contract-token-%04d-abcdefghijklmnop", i);
    }

    private GrokToken stored(String token) {
        return store().find(token).orElseThrow(() -> new AssertionError(token + " is missing"));
    }

    private TokenQuery query(TokenSort sort, int offset, int limit) {
        return new TokenQuery(null, null, null, null, T0, sort, offset, limit);
    }

    private static TokenFailure failure(String code, Instant at) {
        return new TokenFailure(code, "HTTP 401 from Grok: sign the account in again", at);
    }

    // ---- round trips ------------------------------------------------------------------------------------------

    @Test
    void should_return_every_field_when_a_full_record_is_stored() {
        // given
        GrokToken full = new GrokToken(
                "sso-full-record-0123456789",
                "sso-rw-distinct-value-42",
                TokenPool.SUPER,
                TokenStatus.COOLING,
                new Quota(12, 80, 72_000),
                new Quota(3, 20, 7_200),
                7,
                2,
                failure("upstream_invalid_credentials", T0.plusSeconds(5)),
                T0.plusSeconds(3600),
                List.of("team-a", "vip"),
                "note with 'quotes' and ünïcödé",
                T0,
                T0.plusSeconds(10),
                T0.plusSeconds(20),
                T0.plusSeconds(30));

        // when
        List<String> inserted = store().insertIfAbsent(List.of(full));

        // then
        assertThat(inserted).containsExactly(full.token());
        assertThat(stored(full.token())).isEqualTo(full);
        assertThat(stored(full.token()).credential().ssoRw()).isEqualTo("sso-rw-distinct-value-42");
    }

    @Test
    void should_return_a_new_account_unchanged_when_it_is_stored() {
        // given
        GrokToken fresh = account("sso-fresh-account-value-0001");

        // when
        store().insertIfAbsent(List.of(fresh));

        // then
        assertThat(stored(fresh.token())).isEqualTo(fresh);
        assertThat(store().listAll()).containsExactly(fresh);
    }

    @Test
    void should_insert_only_absent_tokens_in_input_order_when_some_exist() {
        // given
        GrokToken existing = account("sso-existing-0001");
        store().insertIfAbsent(List.of(existing));
        GrokToken changedCopy = TokenStoreContractSupport.withNote(existing, "must not overwrite");

        // when
        List<String> inserted = store().insertIfAbsent(
                        List.of(account("sso-new-b"), changedCopy, account("sso-new-a"), account("sso-new-b")));

        // then
        assertThat(inserted).containsExactly("sso-new-b", "sso-new-a");
        assertThat(stored(existing.token()).note()).isEmpty();
        assertThat(store().listAll()).hasSize(3);
    }

    @Test
    void should_insert_nothing_when_the_collection_is_empty() {
        assertThat(store().insertIfAbsent(List.of())).isEmpty();
        assertThat(store().listAll()).isEmpty();
    }

    @Test
    void should_store_every_token_when_a_large_batch_is_inserted() {
        // given
        List<GrokToken> batch =
                IntStream.range(0, 2_500).mapToObj(i -> account(name(i))).toList();

        // when
        List<String> inserted = store().insertIfAbsent(batch);

        // then
        assertThat(inserted).hasSize(2_500).first().isEqualTo(name(0));
        assertThat(store().listAll()).hasSize(2_500);
        assertThat(store().list(query(TokenSort.CREATED_ASC, 0, 1)).total()).isEqualTo(2_500);
    }

    // ---- unknown ids ------------------------------------------------------------------------------------------

    @Test
    void should_return_empty_and_change_nothing_when_the_token_is_unknown() {
        // given
        store().insertIfAbsent(List.of(account("sso-known")));
        long marker = store().changeMarker();
        TokenFailure reason = failure("x", T0);

        // then
        assertThat(store().find("sso-unknown")).isEmpty();
        assertThat(store().edit("sso-unknown", TokenEdit.none().withNote("n"))).isEmpty();
        assertThat(store().recordSuccess("sso-unknown", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0))
                .isEmpty();
        assertThat(store().recordSync(
                                "sso-unknown", QuotaBucket.NORMAL, new QuotaChange.Synced(Quota.NEW_ACCOUNT), true, T0))
                .isEmpty();
        assertThat(store().recordFailure("sso-unknown", reason, 1)).isEmpty();
        assertThat(store().coolDown("sso-unknown", T0, reason)).isEmpty();
        assertThat(store().invalidate("sso-unknown", reason)).isEmpty();
        assertThat(store().markAssetsCleared("sso-unknown", T0)).isEmpty();
        assertThat(store().delete(List.of("sso-unknown"))).isZero();
        assertThat(store().changeMarker()).isEqualTo(marker);
        assertThat(store().listAll()).hasSize(1);
    }

    // ---- listing ----------------------------------------------------------------------------------------------

    @Test
    void should_page_stably_with_totals_when_many_tokens_share_a_creation_time() {
        // given
        List<GrokToken> all = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            all.add(account(name(i), TokenPool.BASIC, T0.plusSeconds(i % 3)));
        }
        store().insertIfAbsent(all);

        // when
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            TokenPage page = store().list(query(TokenSort.CREATED_ASC, offset, 10));
            assertThat(page.total()).isEqualTo(25);
            page.items().forEach(t -> seen.add(t.token()));
        }

        // then
        List<String> expected = all.stream()
                .sorted((a, b) -> a.createdAt().equals(b.createdAt())
                        ? a.token().compareTo(b.token())
                        : a.createdAt().compareTo(b.createdAt()))
                .map(GrokToken::token)
                .toList();
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void should_return_an_empty_page_with_the_total_when_the_offset_is_past_the_end() {
        // given
        store().insertIfAbsent(List.of(account("sso-a"), account("sso-b")));

        // when
        TokenPage page = store().list(query(TokenSort.CREATED_ASC, 5, 10));

        // then
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void should_order_by_each_sort_with_token_tie_breaks() {
        // given: quota/use/last-used differ; two pairs tie on each key
        store().insertIfAbsent(List.of(
                account("sso-d", TokenPool.BASIC, T0.plusSeconds(3)),
                account("sso-a", TokenPool.BASIC, T0.plusSeconds(1)),
                account("sso-c", TokenPool.BASIC, T0.plusSeconds(1)),
                account("sso-b", TokenPool.BASIC, T0.plusSeconds(2))));
        store().edit("sso-a", TokenEdit.none().withQuota(new Quota(5, 80, 0)));
        store().edit("sso-b", TokenEdit.none().withQuota(new Quota(50, 80, 0)));
        store().edit("sso-c", TokenEdit.none().withQuota(new Quota(5, 80, 0)));
        store().edit("sso-d", TokenEdit.none().withQuota(Quota.UNKNOWN_QUOTA));
        store().recordSuccess("sso-c", QuotaBucket.HEAVY, new QuotaChange.Estimated(0), T0.plusSeconds(50));
        store().recordSuccess("sso-c", QuotaBucket.HEAVY, new QuotaChange.Estimated(0), T0.plusSeconds(60));
        store().recordSuccess("sso-b", QuotaBucket.HEAVY, new QuotaChange.Estimated(0), T0.plusSeconds(60));

        // then
        assertThat(tokens(TokenSort.CREATED_ASC)).containsExactly("sso-a", "sso-c", "sso-b", "sso-d");
        assertThat(tokens(TokenSort.CREATED_DESC)).containsExactly("sso-d", "sso-b", "sso-a", "sso-c");
        assertThat(tokens(TokenSort.QUOTA_ASC)).containsExactly("sso-d", "sso-a", "sso-c", "sso-b");
        assertThat(tokens(TokenSort.QUOTA_DESC)).containsExactly("sso-b", "sso-a", "sso-c", "sso-d");
        assertThat(tokens(TokenSort.LAST_USED_DESC)).containsExactly("sso-b", "sso-c", "sso-a", "sso-d");
        assertThat(tokens(TokenSort.USE_COUNT_DESC)).containsExactly("sso-c", "sso-b", "sso-a", "sso-d");
    }

    private List<String> tokens(TokenSort sort) {
        return store().list(query(sort, 0, 100)).items().stream()
                .map(GrokToken::token)
                .toList();
    }

    private List<String> matching(TokenPool pool, TokenStatus status, String tag, String text, Instant now) {
        TokenPage page = store().list(new TokenQuery(pool, status, tag, text, now, TokenSort.CREATED_ASC, 0, 100));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items().stream().map(GrokToken::token).toList();
    }

    @Test
    void should_filter_by_pool_status_tag_and_text_when_combined() {
        // given
        store().insertIfAbsent(List.of(
                account("sso-basic-1", TokenPool.BASIC, T0),
                account("sso-basic-2", TokenPool.BASIC, T0.plusMillis(1)),
                account("sso-super-1", TokenPool.SUPER, T0.plusMillis(2)),
                account("sso-super-2", TokenPool.SUPER, T0.plusMillis(3)),
                account("sso-Other-9", TokenPool.BASIC, T0.plusMillis(4))));
        store().edit(
                        "sso-basic-1",
                        TokenEdit.none().withTags(List.of("eu", "vip")).withNote("Shared with Bob"));
        store().edit("sso-super-1", TokenEdit.none().withTags(List.of("eu")));
        store().invalidate("sso-basic-2", failure("upstream_invalid_credentials", T0));
        store().edit("sso-super-2", TokenEdit.none().withStatus(TokenStatus.DISABLED));
        store().coolDown("sso-Other-9", T0.plusSeconds(600), failure("rate_limited", T0));

        // then
        assertThat(matching(TokenPool.SUPER, null, null, null, T0)).containsExactly("sso-super-1", "sso-super-2");
        assertThat(matching(null, TokenStatus.ACTIVE, null, null, T0)).containsExactly("sso-basic-1", "sso-super-1");
        assertThat(matching(null, TokenStatus.INVALID, null, null, T0)).containsExactly("sso-basic-2");
        assertThat(matching(null, TokenStatus.DISABLED, null, null, T0)).containsExactly("sso-super-2");
        assertThat(matching(null, TokenStatus.COOLING, null, null, T0)).containsExactly("sso-Other-9");
        assertThat(matching(null, null, "eu", null, T0)).containsExactly("sso-basic-1", "sso-super-1");
        assertThat(matching(null, null, "vip", null, T0)).containsExactly("sso-basic-1");
        assertThat(matching(null, null, "e", null, T0)).isEmpty();
        assertThat(matching(null, null, null, "OTHER", T0)).containsExactly("sso-Other-9");
        assertThat(matching(null, null, null, "bob", T0)).containsExactly("sso-basic-1");
        assertThat(matching(TokenPool.BASIC, TokenStatus.ACTIVE, "eu", "basic", T0))
                .containsExactly("sso-basic-1");
        assertThat(matching(TokenPool.SUPER, TokenStatus.ACTIVE, "vip", null, T0))
                .isEmpty();
    }

    @Test
    void should_treat_text_wildcards_literally_when_filtering() {
        // given
        store().insertIfAbsent(List.of(account("sso-100%_real"), account("sso-1000-other")));

        // then
        assertThat(matching(null, null, null, "0%_", T0)).containsExactly("sso-100%_real");
        assertThat(matching(null, null, null, "%", T0)).containsExactly("sso-100%_real");
    }

    @Test
    void should_count_an_active_token_with_a_cooldown_in_force_as_cooling_when_filtering() {
        // given: status stays active but a cooldown applies until T0+60s
        store().insertIfAbsent(List.of(account("sso-cooldown")));
        store().coolDown("sso-cooldown", T0.plusSeconds(60), failure("rate_limited", T0));
        store().edit("sso-cooldown", TokenEdit.none().withStatus(TokenStatus.ACTIVE));

        // then
        assertThat(matching(null, TokenStatus.COOLING, null, null, T0)).containsExactly("sso-cooldown");
        assertThat(matching(null, TokenStatus.ACTIVE, null, null, T0)).isEmpty();
        assertThat(matching(null, TokenStatus.ACTIVE, null, null, T0.plusSeconds(60)))
                .containsExactly("sso-cooldown");
        assertThat(store().counts(T0).cooling()).isEqualTo(1);
        assertThat(store().counts(T0.plusSeconds(61)).active()).isEqualTo(1);
    }

    @Test
    void should_count_every_state_and_sum_quotas_when_asked_for_counts() {
        // given
        store().insertIfAbsent(List.of(
                account("sso-a"), account("sso-b"), account("sso-c"), account("sso-d"), account("sso-e")));
        store().edit("sso-a", TokenEdit.none().withQuota(new Quota(10, 80, 0)).withHeavyQuota(new Quota(2, 20, 0)));
        store().edit("sso-b", TokenEdit.none().withQuota(Quota.UNKNOWN_QUOTA));
        store().recordSuccess("sso-c", QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(0, 80, 0)), T0);
        store().invalidate("sso-d", failure("blocked", T0));
        store().edit("sso-e", TokenEdit.none().withStatus(TokenStatus.DISABLED));

        // when
        TokenCounts counts = store().counts(T0);

        // then: invalid/disabled quota (80 each) is not counted as usable
        assertThat(counts).isEqualTo(new TokenCounts(5, 2, 1, 1, 1, 10, 2, 1));
    }

    @Test
    void should_count_zero_when_the_store_is_empty() {
        assertThat(store().counts(T0)).isEqualTo(new TokenCounts(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(store().list(query(TokenSort.CREATED_ASC, 0, 10)).total()).isZero();
    }

    // ---- edits ------------------------------------------------------------------------------------------------

    @Test
    void should_change_only_the_named_fields_when_edited() {
        // given
        store().insertIfAbsent(List.of(account("sso-edit")));
        store().recordFailure("sso-edit", failure("upstream_invalid_credentials", T0), 5);
        store().coolDown("sso-edit", T0.plusSeconds(60), failure("rate_limited", T0));

        // when
        GrokToken afterNote =
                store().edit("sso-edit", TokenEdit.none().withNote("hello")).orElseThrow();
        GrokToken afterRest = store().edit(
                        "sso-edit",
                        TokenEdit.none()
                                .withPool(TokenPool.SUPER)
                                .withTags(List.of("x"))
                                .withHeavyQuota(new Quota(4, 20, 3600))
                                .withClearedCooldown())
                .orElseThrow();

        // then
        assertThat(afterNote.note()).isEqualTo("hello");
        assertThat(afterNote.failCount()).isEqualTo(1);
        assertThat(afterNote.cooldownUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(afterRest.note()).isEqualTo("hello");
        assertThat(afterRest.pool()).isEqualTo(TokenPool.SUPER);
        assertThat(afterRest.tags()).containsExactly("x");
        assertThat(afterRest.heavyQuota()).isEqualTo(new Quota(4, 20, 3600));
        assertThat(afterRest.quota()).isEqualTo(Quota.NEW_ACCOUNT);
        assertThat(afterRest.cooldownUntil()).isNull();
        assertThat(afterRest.failCount()).isZero();
        assertThat(afterRest.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(stored("sso-edit")).isEqualTo(afterRest);
        assertThat(matching(null, null, "x", null, T0)).containsExactly("sso-edit");
    }

    @Test
    void should_replace_tags_when_edited_twice() {
        // given
        store().insertIfAbsent(List.of(account("sso-tags")));
        store().edit("sso-tags", TokenEdit.none().withTags(List.of("old", "keep")));

        // when
        store().edit("sso-tags", TokenEdit.none().withTags(List.of("keep", "new")));

        // then
        assertThat(stored("sso-tags").tags()).containsExactly("keep", "new");
        assertThat(matching(null, null, "old", null, T0)).isEmpty();
        assertThat(matching(null, null, "new", null, T0)).containsExactly("sso-tags");
    }

    // ---- success and sync -------------------------------------------------------------------------------------

    @Test
    void should_decrement_quota_and_count_the_use_when_success_is_estimated() {
        // given
        store().insertIfAbsent(List.of(account("sso-use")));
        store().recordFailure("sso-use", failure("upstream_error", T0), 5);
        store().coolDown("sso-use", T0.plusSeconds(30), failure("rate_limited", T0));

        // when
        GrokToken after = store().recordSuccess(
                        "sso-use", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0.plusSeconds(40))
                .orElseThrow();

        // then
        assertThat(after.quota().remaining()).isEqualTo(79);
        assertThat(after.useCount()).isEqualTo(1);
        assertThat(after.lastUsedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(after.failCount()).isZero();
        assertThat(after.cooldownUntil()).isNull();
        assertThat(after.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(after.lastSyncAt()).isNull();
        assertThat(after.heavyQuota()).isEqualTo(Quota.UNKNOWN_QUOTA);
        assertThat(stored("sso-use")).isEqualTo(after);
    }

    @Test
    void should_become_cooling_and_never_go_negative_when_the_estimate_exhausts_the_quota() {
        // given
        store().insertIfAbsent(List.of(account("sso-last")));
        store().edit("sso-last", TokenEdit.none().withQuota(new Quota(1, 80, 0)));

        // when
        GrokToken first = store().recordSuccess("sso-last", QuotaBucket.NORMAL, new QuotaChange.Estimated(4), T0)
                .orElseThrow();
        GrokToken second = store().recordSuccess("sso-last", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow();

        // then
        assertThat(first.quota().remaining()).isZero();
        assertThat(first.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(second.quota().remaining()).isZero();
        assertThat(second.useCount()).isEqualTo(2);
    }

    @Test
    void should_keep_an_unknown_quota_unknown_and_active_when_success_is_estimated() {
        // given
        store().insertIfAbsent(List.of(account("sso-unknown-quota", TokenPool.SUPER, T0)));

        // when
        GrokToken after = store().recordSuccess(
                        "sso-unknown-quota", QuotaBucket.HEAVY, new QuotaChange.Estimated(1), T0)
                .orElseThrow();

        // then
        assertThat(after.heavyQuota()).isEqualTo(Quota.UNKNOWN_QUOTA);
        assertThat(after.quota()).isEqualTo(Quota.NEW_ACCOUNT);
        assertThat(after.status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void should_set_the_bucket_and_sync_time_when_success_is_synced() {
        // given
        store().insertIfAbsent(List.of(account("sso-synced", TokenPool.SUPER, T0)));

        // when
        GrokToken after = store().recordSuccess(
                        "sso-synced",
                        QuotaBucket.HEAVY,
                        new QuotaChange.Synced(new Quota(0, 20, 7200)),
                        T0.plusSeconds(5))
                .orElseThrow();

        // then
        assertThat(after.heavyQuota()).isEqualTo(new Quota(0, 20, 7200));
        assertThat(after.quota()).isEqualTo(Quota.NEW_ACCOUNT);
        assertThat(after.lastSyncAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(after.status()).isEqualTo(TokenStatus.COOLING);
    }

    @Test
    void should_keep_a_disabled_token_disabled_when_success_is_recorded() {
        // given
        store().insertIfAbsent(List.of(account("sso-off")));
        store().edit("sso-off", TokenEdit.none().withStatus(TokenStatus.DISABLED));

        // when
        GrokToken after = store().recordSuccess("sso-off", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow();

        // then
        assertThat(after.status()).isEqualTo(TokenStatus.DISABLED);
        assertThat(after.useCount()).isEqualTo(1);
    }

    @Test
    void should_revive_a_cooling_token_when_a_sync_shows_quota() {
        // given
        store().insertIfAbsent(List.of(account("sso-cool")));
        store().recordSuccess("sso-cool", QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(0, 80, 0)), T0);

        // when
        GrokToken after = store().recordSync(
                        "sso-cool",
                        QuotaBucket.NORMAL,
                        new QuotaChange.Synced(new Quota(80, 80, 72000)),
                        false,
                        T0.plusSeconds(9))
                .orElseThrow();

        // then
        assertThat(after.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(after.quota()).isEqualTo(new Quota(80, 80, 72000));
        assertThat(after.lastSyncAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(after.useCount()).isEqualTo(1);
    }

    @Test
    void should_move_an_active_token_to_cooling_when_a_sync_shows_no_quota() {
        // given
        store().insertIfAbsent(List.of(account("sso-empty")));

        // when
        GrokToken after = store().recordSync(
                        "sso-empty", QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(0, 80, 0)), false, T0)
                .orElseThrow();

        // then
        assertThat(after.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(after.useCount()).isZero();
        assertThat(after.lastUsedAt()).isNull();
    }

    @Test
    void should_revive_an_invalid_token_only_when_asked_to() {
        // given
        store().insertIfAbsent(List.of(account("sso-dead"), account("sso-off")));
        for (int i = 0; i < 3; i++) {
            store().recordFailure("sso-dead", failure("upstream_invalid_credentials", T0), 3);
        }
        store().edit("sso-off", TokenEdit.none().withStatus(TokenStatus.DISABLED));
        QuotaChange.Synced quotaLeft = new QuotaChange.Synced(new Quota(40, 80, 0));

        // when
        GrokToken kept = store().recordSync("sso-dead", QuotaBucket.NORMAL, quotaLeft, false, T0)
                .orElseThrow();
        GrokToken revived = store().recordSync("sso-dead", QuotaBucket.NORMAL, quotaLeft, true, T0)
                .orElseThrow();
        GrokToken disabled = store().recordSync("sso-off", QuotaBucket.NORMAL, quotaLeft, true, T0)
                .orElseThrow();

        // then
        assertThat(kept.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(kept.failCount()).isEqualTo(3);
        assertThat(kept.quota().remaining()).isEqualTo(40);
        assertThat(revived.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(revived.failCount()).isZero();
        assertThat(disabled.status()).isEqualTo(TokenStatus.DISABLED);
    }

    @Test
    void should_not_revive_an_invalid_token_when_the_sync_shows_no_quota() {
        // given
        store().insertIfAbsent(List.of(account("sso-dead")));
        store().invalidate("sso-dead", failure("blocked", T0));

        // when
        GrokToken after = store().recordSync(
                        "sso-dead", QuotaBucket.NORMAL, new QuotaChange.Synced(new Quota(0, 80, 0)), true, T0)
                .orElseThrow();

        // then
        assertThat(after.status()).isEqualTo(TokenStatus.INVALID);
    }

    @Test
    void should_drop_a_sync_that_a_later_use_overtook_when_syncs_land_out_of_order() {
        // given: two uses, say on two instances; each asks Grok for the quota after its own use
        store().insertIfAbsent(List.of(account("sso-race")));
        int first = store().recordSuccess("sso-race", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow()
                .useCount();
        int second = store().recordSuccess("sso-race", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow()
                .useCount();

        // when: the later use's sync lands first, the earlier one after it
        GrokToken fresh = store().recordSync(
                        "sso-race",
                        QuotaBucket.NORMAL,
                        new QuotaChange.Synced(new Quota(60, 80, 72000), second),
                        false,
                        T0.plusSeconds(2))
                .orElseThrow();
        GrokToken stale = store().recordSync(
                        "sso-race",
                        QuotaBucket.NORMAL,
                        new QuotaChange.Synced(new Quota(61, 80, 72000), first),
                        false,
                        T0.plusSeconds(3))
                .orElseThrow();

        // then: the stale sync changed nothing; an operator's refresh still applies
        assertThat(fresh.quota().remaining()).isEqualTo(60);
        assertThat(stale).isEqualTo(fresh);
        assertThat(store().find("sso-race").orElseThrow().quota().remaining()).isEqualTo(60);
        assertThat(store().recordSync(
                                "sso-race",
                                QuotaBucket.NORMAL,
                                new QuotaChange.Synced(new Quota(59, 80, 72000)),
                                false,
                                T0.plusSeconds(4))
                        .orElseThrow()
                        .quota()
                        .remaining())
                .isEqualTo(59);
    }

    // ---- failures, cooldowns, invalidation --------------------------------------------------------------------

    @Test
    void should_invalidate_exactly_at_the_threshold_when_failures_are_recorded() {
        // given
        store().insertIfAbsent(List.of(account("sso-fail")));

        // when
        GrokToken first = store().recordFailure("sso-fail", failure("a", T0), 2).orElseThrow();
        GrokToken second = store().recordFailure("sso-fail", failure("b", T0.plusSeconds(1)), 2)
                .orElseThrow();

        // then
        assertThat(first.failCount()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(second.failCount()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(second.lastFailure()).isEqualTo(failure("b", T0.plusSeconds(1)));
        assertThat(stored("sso-fail")).isEqualTo(second);
    }

    @Test
    void should_reset_the_failure_count_when_a_success_follows_failures() {
        // given
        store().insertIfAbsent(List.of(account("sso-flaky")));
        store().recordFailure("sso-flaky", failure("a", T0), 3);
        store().recordFailure("sso-flaky", failure("a", T0), 3);

        // when
        store().recordSuccess("sso-flaky", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
        GrokToken after =
                store().recordFailure("sso-flaky", failure("a", T0), 3).orElseThrow();

        // then
        assertThat(after.failCount()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void should_reject_a_threshold_below_one() {
        store().insertIfAbsent(List.of(account("sso-t")));
        assertThatThrownBy(() -> store().recordFailure("sso-t", failure("a", T0), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stored("sso-t").failCount()).isZero();
    }

    @Test
    void should_cool_down_without_counting_a_failure_and_spare_invalid_tokens() {
        // given
        store().insertIfAbsent(List.of(account("sso-429"), account("sso-dead")));
        store().invalidate("sso-dead", failure("blocked", T0));
        TokenFailure limited = failure("upstream_rate_limited", T0);

        // when
        GrokToken cooled = store().coolDown("sso-429", T0.plus(Duration.ofHours(1)), limited)
                .orElseThrow();
        GrokToken dead = store().coolDown("sso-dead", T0.plus(Duration.ofHours(1)), limited)
                .orElseThrow();

        // then
        assertThat(cooled.status()).isEqualTo(TokenStatus.COOLING);
        assertThat(cooled.cooldownUntil()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(cooled.lastFailure()).isEqualTo(limited);
        assertThat(cooled.failCount()).isZero();
        assertThat(cooled.coolingAt(T0)).isTrue();
        assertThat(dead.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(stored("sso-429")).isEqualTo(cooled);
    }

    @Test
    void should_invalidate_at_once_with_the_reason() {
        // given
        store().insertIfAbsent(List.of(account("sso-blocked")));
        TokenFailure reason = new TokenFailure("account_blocked", "x".repeat(600), T0);

        // when
        GrokToken after = store().invalidate("sso-blocked", reason).orElseThrow();

        // then
        assertThat(after.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(after.lastFailure().message()).hasSize(TokenFailure.MAX_MESSAGE_LENGTH);
        assertThat(stored("sso-blocked")).isEqualTo(after);
    }

    @Test
    void should_stamp_the_asset_clear_time() {
        store().insertIfAbsent(List.of(account("sso-assets")));
        GrokToken after =
                store().markAssetsCleared("sso-assets", T0.plusSeconds(7)).orElseThrow();
        assertThat(after.lastAssetClearAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(stored("sso-assets").lastAssetClearAt()).isEqualTo(T0.plusSeconds(7));
    }

    // ---- deletes ----------------------------------------------------------------------------------------------

    @Test
    void should_delete_only_named_tokens_and_count_those_that_existed() {
        // given
        store().insertIfAbsent(List.of(account("sso-a"), account("sso-b"), account("sso-c")));
        store().edit("sso-a", TokenEdit.none().withTags(List.of("t")));

        // when
        int deleted = store().delete(List.of("sso-a", "sso-a", "sso-missing", "sso-c"));

        // then
        assertThat(deleted).isEqualTo(2);
        assertThat(store().listAll()).extracting(GrokToken::token).containsExactly("sso-b");
        assertThat(matching(null, null, "t", null, T0)).isEmpty();
        assertThat(store().insertIfAbsent(List.of(account("sso-a")))).containsExactly("sso-a");
        assertThat(stored("sso-a").tags()).isEmpty();
    }

    @Test
    void should_delete_by_status_when_asked_to_purge_invalid_tokens() {
        // given
        store().insertIfAbsent(List.of(account("sso-a"), account("sso-b"), account("sso-c")));
        store().invalidate("sso-a", failure("x", T0));
        store().invalidate("sso-c", failure("x", T0));

        // when
        int deleted = store().deleteByStatus(TokenStatus.INVALID);

        // then
        assertThat(deleted).isEqualTo(2);
        assertThat(store().listAll()).extracting(GrokToken::token).containsExactly("sso-b");
        assertThat(store().deleteByStatus(TokenStatus.INVALID)).isZero();
    }

    // ---- change marker ----------------------------------------------------------------------------------------

    @Test
    void should_change_the_marker_on_every_write_and_keep_it_when_nothing_changes() {
        // given
        Set<Long> markers = new HashSet<>();
        markers.add(store().changeMarker());
        TokenFailure reason = failure("x", T0);

        // when / then: each write yields a marker never seen before
        store().insertIfAbsent(List.of(account("sso-m"), account("sso-n")));
        assertThat(markers.add(store().changeMarker())).isTrue();
        assertThat(markers.add(store().changeMarker())).isFalse();
        store().edit("sso-m", TokenEdit.none().withNote("n"));
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().recordSuccess("sso-m", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().recordSync("sso-m", QuotaBucket.NORMAL, new QuotaChange.Synced(Quota.NEW_ACCOUNT), false, T0);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().recordFailure("sso-m", reason, 9);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().coolDown("sso-m", T0, reason);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().invalidate("sso-m", reason);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().markAssetsCleared("sso-m", T0);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().deleteByStatus(TokenStatus.INVALID);
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().delete(List.of("sso-n"));
        assertThat(markers.add(store().changeMarker())).isTrue();
        store().insertIfAbsent(List.of());
        store().delete(List.of("sso-none"));
        assertThat(markers.add(store().changeMarker())).isFalse();
    }

    // ---- change feed ------------------------------------------------------------------------------------------

    private static List<String> names(TokenChanges changes) {
        return changes.changed().stream().map(GrokToken::token).sorted().toList();
    }

    @Test
    void should_tell_the_accounts_updated_since_a_position_one_by_one() {
        // given
        store().insertIfAbsent(List.of(account("sso-feed-a"), account("sso-feed-b"), account("sso-feed-c")));
        long position = store().changeMarker();

        // when
        store().recordSuccess("sso-feed-a", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
        store().edit("sso-feed-b", TokenEdit.none().withNote("renewed"));
        store().recordSuccess("sso-feed-a", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
        TokenChanges changes = store().changesSince(position, 10);
        TokenChanges nothing = store().changesSince(changes.position(), 10);

        // then: each updated account once, as stored now; the next position sees nothing new
        assertThat(changes.complete()).isTrue();
        assertThat(names(changes)).containsExactly("sso-feed-a", "sso-feed-b");
        assertThat(changes.changed()).contains(stored("sso-feed-a"), stored("sso-feed-b"));
        assertThat(changes.position()).isEqualTo(store().changeMarker()).isGreaterThan(position);
        assertThat(nothing.complete()).isTrue();
        assertThat(nothing.changed()).isEmpty();
        assertThat(store().changesSince(position, 2).complete()).isTrue();
        assertThat(store().changesSince(position, 1).complete())
                .as("more updated than asked for")
                .isFalse();
    }

    @Test
    void should_send_the_follower_to_a_full_read_after_accounts_were_deleted() {
        // given
        store().insertIfAbsent(List.of(account("sso-feed-a"), account("sso-feed-b")));
        long beforeDelete = store().changeMarker();
        store().delete(List.of("sso-feed-a"));
        long beforeStatusDelete = store().changeMarker();
        store().invalidate("sso-feed-b", failure("blocked", T0));
        long afterInvalidate = store().changeMarker();
        store().deleteByStatus(TokenStatus.INVALID);

        // then
        assertThat(store().changesSince(beforeDelete, 100).complete()).isFalse();
        assertThat(store().changesSince(beforeStatusDelete, 100).complete()).isFalse();
        assertThat(store().changesSince(afterInvalidate, 100).complete()).isFalse();
        assertThat(store().changesSince(store().changeMarker(), 100))
                .isEqualTo(new TokenChanges(store().changeMarker(), List.of(), true));
    }

    @Test
    void should_tell_the_accounts_added_since_a_position() {
        // given
        store().insertIfAbsent(List.of(account("sso-feed-old")));
        long position = store().changeMarker();

        // when
        store().insertIfAbsent(List.of(account("sso-feed-x"), account("sso-feed-y"), account("sso-feed-old")));
        TokenChanges changes = store().changesSince(position, 10);

        // then
        assertThat(changes.complete()).isTrue();
        assertThat(names(changes)).containsExactly("sso-feed-x", "sso-feed-y");
        assertThat(changes.changed()).contains(stored("sso-feed-x"));
        assertThat(store().changesSince(position, 1).complete())
                .as("more added than asked for")
                .isFalse();
    }

    @Test
    void should_write_nothing_when_an_update_changes_nothing() {
        // given
        store().insertIfAbsent(List.of(account("sso-feed-same")));
        int use = store().recordSuccess("sso-feed-same", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0)
                .orElseThrow()
                .useCount();
        store().recordSuccess("sso-feed-same", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
        long position = store().changeMarker();

        // when: a superseded sync and an empty edit
        store().recordSync(
                        "sso-feed-same", QuotaBucket.NORMAL, new QuotaChange.Synced(Quota.NEW_ACCOUNT, use), false, T0);
        store().edit("sso-feed-same", TokenEdit.none());

        // then
        assertThat(store().changeMarker()).isEqualTo(position);
        assertThat(store().changesSince(position, 10).changed()).isEmpty();
    }

    @Test
    void should_follow_the_updates_of_the_other_instance_when_two_share_a_backend() {
        TokenStore second = secondInstance();
        if (second == null) {
            return; // nothing to share: the implementation has no backend of its own
        }
        // given
        store().insertIfAbsent(List.of(account("sso-feed-shared")));
        long position = store().changeMarker();

        // when
        second.recordFailure("sso-feed-shared", failure("upstream_rate_limited", T0), 5);
        TokenChanges changes = store().changesSince(position, 10);

        // then
        assertThat(changes.complete()).isTrue();
        assertThat(changes.changed())
                .singleElement()
                .satisfies(account -> assertThat(account.failCount()).isEqualTo(1));
    }

    // ---- concurrency ------------------------------------------------------------------------------------------

    private TokenStore writer(int thread) {
        TokenStore second = secondInstance();
        return second != null && thread % 2 == 1 ? second : store();
    }

    @Test
    void should_apply_every_quota_decrement_when_many_writers_race() throws Exception {
        // given
        store().insertIfAbsent(List.of(account("sso-hot")));
        store().edit("sso-hot", TokenEdit.none().withQuota(new Quota(1_000, 1_000, 0)));
        int threads = 8;
        int perThread = 25;

        // when
        Concurrently.run(
                threads,
                perThread,
                (thread, i) ->
                        writer(thread).recordSuccess("sso-hot", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0));

        // then
        GrokToken after = stored("sso-hot");
        assertThat(after.useCount()).isEqualTo(threads * perThread);
        assertThat(after.quota().remaining()).isEqualTo(1_000 - threads * perThread);
    }

    @Test
    void should_count_every_failure_and_invalidate_once_when_many_writers_race() throws Exception {
        // given
        store().insertIfAbsent(List.of(account("sso-failing")));
        int threads = 6;
        int perThread = 10;
        ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();

        // when
        Concurrently.run(
                threads,
                perThread,
                (thread, i) -> writer(thread)
                        .recordFailure("sso-failing", failure("e", T0), 30)
                        .ifPresent(t -> counts.add(t.failCount())));

        // then: every writer saw a distinct count, so no update was lost
        assertThat(stored("sso-failing").failCount()).isEqualTo(threads * perThread);
        assertThat(stored("sso-failing").status()).isEqualTo(TokenStatus.INVALID);
        assertThat(new HashSet<>(counts)).hasSize(threads * perThread);
    }

    @Test
    void should_keep_both_edits_when_writers_change_different_fields_concurrently() throws Exception {
        // given
        store().insertIfAbsent(List.of(account("sso-shared")));

        // when
        Concurrently.run(4, 20, (thread, i) -> {
            TokenStore target = writer(thread);
            switch (thread) {
                case 0 -> target.edit("sso-shared", TokenEdit.none().withNote("note-" + i));
                case 1 -> target.recordSuccess("sso-shared", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
                case 2 -> target.markAssetsCleared("sso-shared", T0.plusSeconds(i));
                default -> target.edit("sso-shared", TokenEdit.none().withTags(List.of("t" + i)));
            }
        });

        // then
        GrokToken after = stored("sso-shared");
        assertThat(after.note()).isEqualTo("note-19");
        assertThat(after.useCount()).isEqualTo(20);
        assertThat(after.quota().remaining()).isEqualTo(60);
        assertThat(after.lastAssetClearAt()).isEqualTo(T0.plusSeconds(19));
        assertThat(after.tags()).containsExactly("t19");
    }

    @Test
    void should_report_each_token_inserted_exactly_once_when_writers_insert_the_same_tokens() throws Exception {
        // given
        List<GrokToken> batch =
                IntStream.range(0, 40).mapToObj(i -> account(name(i))).toList();
        ConcurrentLinkedQueue<String> inserted = new ConcurrentLinkedQueue<>();

        // when
        Concurrently.run(4, 1, (thread, i) -> inserted.addAll(writer(thread).insertIfAbsent(batch)));

        // then
        assertThat(inserted).hasSize(40).doesNotHaveDuplicates();
        assertThat(store().listAll()).hasSize(40);
    }

    @Test
    void should_see_writes_of_the_other_instance_when_two_instances_share_a_backend() {
        TokenStore second = secondInstance();
        if (second == null) {
            return; // nothing to share: the implementation has no backend of its own
        }
        // given
        long before = second.changeMarker();

        // when
        store().insertIfAbsent(List.of(account("sso-shared-backend")));
        second.recordSuccess("sso-shared-backend", QuotaBucket.NORMAL, new QuotaChange.Estimated(2), T0);

        // then
        assertThat(second.changeMarker()).isNotEqualTo(before);
        assertThat(store().changeMarker()).isEqualTo(second.changeMarker());
        assertThat(stored("sso-shared-backend").quota().remaining()).isEqualTo(78);
        assertThat(second.find("sso-shared-backend")).contains(stored("sso-shared-backend"));
    }
}
