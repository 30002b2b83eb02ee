package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.port.ConfigStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ConfigStore} must show. Subclass it once per implementation and provide an empty store
 * per test (and a second instance on the same backend where there is one).
 */
public abstract class ConfigStoreContract {

    /** The store under test; empty at the start of every test. */
    protected abstract ConfigStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected ConfigStore secondInstance() {
        return null;
    }

    @Test
    void should_be_empty_at_version_zero_when_nothing_was_stored() {
        assertThat(store().load()).isEmpty();
        assertThat(store().version()).isZero();
    }

    @Test
    void should_read_back_every_value_type_when_merged() {
        // given
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("app.api_key", "sk-\"quoted\" \\ back\nslash ünïcödé 🚀");
        values.put("grok.max_retry", 3L);
        values.put("grok.timeout", 120.5);
        values.put("grok.temporary", false);
        values.put("grok.filter_tags", List.of("xaiartifact", "grok:render"));
        values.put("grok.retry_status_codes", List.of(401L, 429L));
        values.put("grok.empty_list", List.of());
        values.put("app.empty", "");

        // when
        long version = store().merge(values);

        // then
        assertThat(version).isEqualTo(1);
        assertThat(store().load()).isEqualTo(values);
        assertThat(store().version()).isEqualTo(1);
    }

    @Test
    void should_normalise_integers_to_longs_when_merged() {
        store().merge(Map.of("token.fail_threshold", 5, "cache.ratio", 0.5f, "x.list", List.of(1, 2)));
        assertThat(store().load())
                .isEqualTo(Map.of("token.fail_threshold", 5L, "cache.ratio", 0.5, "x.list", List.of(1L, 2L)));
    }

    @Test
    void should_replace_named_keys_and_keep_the_others_when_merged_again() {
        // given
        store().merge(Map.of("app.app_key", "admin", "grok.stream", true));

        // when
        long version = store().merge(Map.of("grok.stream", false, "cache.limit_mb", 2048L));

        // then
        assertThat(version).isEqualTo(2);
        assertThat(store().load())
                .isEqualTo(Map.of("app.app_key", "admin", "grok.stream", false, "cache.limit_mb", 2048L));
    }

    @Test
    void should_increase_the_version_when_an_empty_map_is_merged() {
        store().merge(Map.of("a.b", "c"));
        assertThat(store().merge(Map.of())).isEqualTo(2);
        assertThat(store().load()).isEqualTo(Map.of("a.b", "c"));
    }

    @Test
    void should_store_nothing_when_any_value_or_key_is_invalid() {
        // given
        store().merge(Map.of("a.b", "c"));
        Map<String, Object> badValue = new LinkedHashMap<>();
        badValue.put("a.b", "changed");
        badValue.put("a.map", Map.of("nested", 1));
        Map<String, Object> nullValue = new LinkedHashMap<>();
        nullValue.put("a.b", "changed");
        nullValue.put("a.null", null);

        // then
        assertThatThrownBy(() -> store().merge(badValue)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().merge(nullValue)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().merge(Map.of("nosection", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().load()).isEqualTo(Map.of("a.b", "c"));
        assertThat(store().version()).isEqualTo(1);
    }

    @Test
    void should_give_each_merge_its_own_version_when_many_writers_race() throws Exception {
        // given
        ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();

        // when
        Concurrently.run(4, 10, (thread, i) -> {
            ConfigStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            versions.add(target.merge(Map.of("t" + thread + ".k" + i, (long) i, "shared.last", "t" + thread)));
        });

        // then
        Set<Long> distinct = new HashSet<>(versions);
        assertThat(distinct).hasSize(40);
        assertThat(store().version()).isEqualTo(40);
        assertThat(store().load()).hasSize(41);
    }

    @Test
    void should_see_the_change_and_version_of_the_other_instance_when_two_share_a_backend() {
        ConfigStore second = secondInstance();
        if (second == null) {
            return; // nothing to share
        }
        long version = store().merge(Map.of("app.app_url", "https://example.test"));
        assertThat(second.version()).isEqualTo(version);
        assertThat(second.load()).containsEntry("app.app_url", "https://example.test");
    }
}
