package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.port.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiKeyStore} must show. Subclass it once per implementation and provide an empty store
 * per test (and a second instance on the same backend where there is one).
 */
public abstract class ApiKeyStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00.789Z");

    /** The store under test; empty at the start of every test. */
    protected abstract ApiKeyStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected ApiKeyStore secondInstance() {
        return null;
    }

    private static ApiKey key(String id, String raw, Instant created) {
        return ApiKey.create(id, raw, "name-" + id, DailyLimits.NONE, created);
    }

    @Test
    void should_return_every_field_when_a_full_key_is_stored() {
        // given
        ApiKey full = new ApiKey(
                "key-full",
                ApiKey.hashOf("sk-full-secret-value-0123456789"),
                "sk-ful…6789",
                "Team Ünïcode 'quoted'",
                false,
                T0,
                T0.plusSeconds(86_400),
                new DailyLimits(100, 5, 0, -1),
                List.of("grok-4", "grok-4-heavy"),
                60,
                4);

        // when
        boolean created = store().create(full);

        // then
        assertThat(created).isTrue();
        assertThat(store().find("key-full")).contains(full);
        assertThat(store().findByHash(full.keyHash())).contains(full);
    }

    @Test
    void should_hash_and_mask_the_key_when_created_from_the_raw_value() {
        ApiKey created = ApiKey.create("k1", "sk-abcdefghijklmnopqrstuvwxyz012345", "n", DailyLimits.NONE, T0);
        store().create(created);
        ApiKey stored = store().findByHash(ApiKey.hashOf("sk-abcdefghijklmnopqrstuvwxyz012345"))
                .orElseThrow();
        assertThat(stored.keyHash()).hasSize(64).doesNotContain("abcdefghijklmnop");
        assertThat(stored.mask()).isEqualTo("sk-abc…2345");
        assertThat(stored.usableAt(T0)).isTrue();
    }

    @Test
    void should_refuse_a_second_key_with_the_same_id_or_hash() {
        // given
        store().create(key("k1", "sk-one", T0));

        // then
        assertThat(store().create(key("k1", "sk-two", T0))).isFalse();
        assertThat(store().create(key("k2", "sk-one", T0))).isFalse();
        assertThat(store().findByHash(ApiKey.hashOf("sk-two"))).isEmpty();
        assertThat(store().find("k2")).isEmpty();
        assertThat(store().list(ApiKeyQuery.firstPage(10)).total()).isEqualTo(1);
    }

    @Test
    void should_return_empty_when_the_id_or_hash_is_unknown() {
        store().create(key("k1", "sk-one", T0));
        assertThat(store().find("nope")).isEmpty();
        assertThat(store().findByHash(ApiKey.hashOf("sk-nope"))).isEmpty();
        assertThat(store().update("nope", ApiKeyEdit.none().withName("x"))).isEmpty();
        assertThat(store().delete("nope")).isFalse();
    }

    @Test
    void should_change_only_the_named_fields_when_updated() {
        // given
        store().create(key("k1", "sk-one", T0));

        // when
        ApiKey renamed =
                store().update("k1", ApiKeyEdit.none().withName("renamed")).orElseThrow();
        ApiKey edited = store().update(
                        "k1",
                        ApiKeyEdit.none()
                                .withEnabled(false)
                                .withExpiresAt(T0.plusSeconds(60))
                                .withLimits(new DailyLimits(1, 2, 3, 4))
                                .withAllowedModels(List.of("grok-3"))
                                .withRequestsPerMinute(30)
                                .withMaxConcurrency(2))
                .orElseThrow();
        ApiKey cleared = store().update("k1", ApiKeyEdit.none().withoutExpiry()).orElseThrow();

        // then
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.enabled()).isTrue();
        assertThat(edited.name()).isEqualTo("renamed");
        assertThat(edited.enabled()).isFalse();
        assertThat(edited.expiresAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(edited.limits()).isEqualTo(new DailyLimits(1, 2, 3, 4));
        assertThat(edited.allowedModels()).containsExactly("grok-3");
        assertThat(edited.requestsPerMinute()).isEqualTo(30);
        assertThat(edited.maxConcurrency()).isEqualTo(2);
        assertThat(cleared.expiresAt()).isNull();
        assertThat(cleared.limits()).isEqualTo(new DailyLimits(1, 2, 3, 4));
        assertThat(store().find("k1")).contains(cleared);
        assertThat(store().findByHash(ApiKey.hashOf("sk-one"))).contains(cleared);
    }

    @Test
    void should_delete_the_key_so_it_no_longer_authenticates() {
        store().create(key("k1", "sk-one", T0));
        assertThat(store().delete("k1")).isTrue();
        assertThat(store().findByHash(ApiKey.hashOf("sk-one"))).isEmpty();
        assertThat(store().delete("k1")).isFalse();
        assertThat(store().create(key("k1", "sk-one", T0))).isTrue();
    }

    @Test
    void should_page_newest_first_with_totals_and_id_tie_breaks() {
        // given: 12 keys, created in pairs sharing an instant
        for (int i = 0; i < 12; i++) {
            store().create(key(String.format("k%02d", i), "sk-" + i, T0.plusSeconds(i / 2)));
        }

        // when
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 15; offset += 5) {
            ApiKeyPage page = store().list(new ApiKeyQuery(null, null, offset, 5));
            assertThat(page.total()).isEqualTo(12);
            page.items().forEach(k -> seen.add(k.id()));
        }

        // then
        assertThat(seen)
                .containsExactly("k10", "k11", "k08", "k09", "k06", "k07", "k04", "k05", "k02", "k03", "k00", "k01");
    }

    @Test
    void should_filter_by_text_and_enabled_when_listing() {
        // given
        store().create(ApiKey.create("k1", "sk-aaaaaaaaaaaaaaaaaaaa", "Alpha Team", DailyLimits.NONE, T0));
        store().create(ApiKey.create("k2", "sk-bbbbbbbbbbbbbbbbbbbb", "beta", DailyLimits.NONE, T0.plusSeconds(1)));
        store().create(ApiKey.create("k3", "sk-cccccccccccccccccccc", "alphabet", DailyLimits.NONE, T0.plusSeconds(2)));
        store().update("k3", ApiKeyEdit.none().withEnabled(false));

        // then
        assertThat(ids(new ApiKeyQuery("ALPHA", null, 0, 10))).containsExactly("k3", "k1");
        assertThat(ids(new ApiKeyQuery("alpha", true, 0, 10))).containsExactly("k1");
        assertThat(ids(new ApiKeyQuery(null, false, 0, 10))).containsExactly("k3");
        assertThat(ids(new ApiKeyQuery("sk-bbb", null, 0, 10))).containsExactly("k2");
        assertThat(store().list(new ApiKeyQuery("alpha", null, 1, 10)).total()).isEqualTo(2);
        assertThat(ids(new ApiKeyQuery("%", null, 0, 10))).isEmpty();
    }

    private List<String> ids(ApiKeyQuery query) {
        return store().list(query).items().stream().map(ApiKey::id).toList();
    }

    @Test
    void should_create_exactly_one_key_when_writers_race_for_the_same_id() throws Exception {
        AtomicInteger created = new AtomicInteger();
        Concurrently.run(6, 5, (thread, i) -> {
            ApiKeyStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            if (target.create(key("race-" + i, "sk-race-" + i + "-" + thread, T0))) {
                created.incrementAndGet();
            }
        });
        assertThat(created).hasValue(5);
        assertThat(store().list(ApiKeyQuery.firstPage(100)).total()).isEqualTo(5);
    }

    @Test
    void should_see_keys_of_the_other_instance_when_two_share_a_backend() {
        ApiKeyStore second = secondInstance();
        if (second == null) {
            return; // nothing to share
        }
        store().create(key("k1", "sk-one", T0));
        assertThat(second.findByHash(ApiKey.hashOf("sk-one"))).isPresent();
        second.update("k1", ApiKeyEdit.none().withEnabled(false));
        assertThat(store().find("k1").orElseThrow().enabled()).isFalse();
    }
}
