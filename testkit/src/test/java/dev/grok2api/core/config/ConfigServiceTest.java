package dev.grok2api.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.testkit.fake.InMemoryConfigStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigServiceTest {
    private final ConfigSchema schema = ConfigSchema.of(MutableSettings.defaultValues());
    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final List<String> events = new ArrayList<>();
    private final ConfigService.Listener listener = new ConfigService.Listener() {
        @Override
        public void changed(long version, Set<String> keys, boolean byThisInstance) {
            events.add("changed " + keys + (byThisInstance ? " here" : " elsewhere"));
        }

        @Override
        public void ignored(String key, String reason) {
            events.add("ignored " + key);
        }
    };

    private ConfigService open(Map<String, ConfigService.Override> overrides) {
        return ConfigService.open(schema, store, overrides, listener);
    }

    private static InvalidRequestException rejected(Runnable call) {
        try {
            call.run();
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidRequestException");
    }

    @Test
    void should_layer_defaults_then_stored_values_then_overrides() {
        // given
        store.merge(Map.of("grok.timeout", 60L, "grok.max_retry", 5L));

        // when
        ConfigService config =
                open(Map.of("grok.max_retry", new ConfigService.Override(1L, "GROK2API_GROK_MAX_RETRY")));

        // then
        assertThat(config.current().longValue("grok.timeout")).isEqualTo(60);
        assertThat(config.current().longValue("grok.max_retry")).isEqualTo(1);
        assertThat(config.current().string("app.admin_username")).isEqualTo("admin");
    }

    @Test
    void should_deep_merge_an_admin_edit_and_store_it() {
        // given
        ConfigService config = open(Map.of());

        // when
        List<String> changed = config.update(Map.of("grok", Map.of("timeout", 30.0, "thinking_format", "hidden")));

        // then
        assertThat(changed).containsExactlyInAnyOrder("grok.timeout", "grok.thinking_format");
        assertThat(config.current().longValue("grok.timeout")).isEqualTo(30);
        assertThat(store.load()).containsEntry("grok.timeout", 30L).containsEntry("grok.thinking_format", "hidden");
        assertThat(config.current().string("grok.base_url")).isEqualTo("https://grok.com");
        assertThat(events).containsExactly("changed [grok.thinking_format, grok.timeout] here");
    }

    @Test
    void should_reject_an_invalid_edit_naming_the_key_and_store_nothing() {
        // given
        ConfigService config = open(Map.of());

        // when
        InvalidRequestException error = rejected(
                () -> config.update(Map.of("grok", Map.of("timeout", 30L), "app", Map.of("image_format", "gif"))));

        // then
        assertThat(error.param()).isEqualTo("app.image_format");
        assertThat(error.publicMessage()).contains("app.image_format").contains("url, base64, b64_json");
        assertThat(store.version()).isZero();
    }

    @Test
    void should_reject_unknown_keys() {
        ConfigService config = open(Map.of());
        InvalidRequestException error = rejected(() -> config.update(Map.of("grok", Map.of("tiemout", 1))));
        assertThat(error.code()).isEqualTo("unknown_config_key");
        assertThat(error.param()).isEqualTo("grok.tiemout");
    }

    @Test
    void should_show_secrets_masked_and_keep_them_when_the_mask_is_posted_back() {
        // given
        store.merge(Map.of(
                "app.api_key", "sk-global-0123456789abcdef",
                "grok.cf_clearance", "cf-clearance-secret-value",
                "grok.base_proxy_url", "http://bob:proxy-pass@proxy:8080"));
        ConfigService config = open(Map.of());

        // when
        Map<String, Map<String, Object>> view = config.view();
        List<String> changed = config.update(Map.of("app", view.get("app"), "grok", view.get("grok")));

        // then
        String shown = view.toString();
        assertThat(shown)
                .doesNotContain("sk-global-0123456789abcdef")
                .doesNotContain("cf-clearance-secret-value")
                .doesNotContain("proxy-pass")
                .contains("http://bob:****@proxy:8080");
        assertThat(view.get("app")).containsEntry("app_key", ConfigSchema.HIDDEN);
        assertThat(changed).isEmpty();
        assertThat(config.current().app().apiKey()).isEqualTo("sk-global-0123456789abcdef");
    }

    @Test
    void should_refuse_changes_to_keys_set_by_the_environment_but_accept_their_current_value() {
        // given
        ConfigService config = open(Map.of("grok.timeout", new ConfigService.Override("90", "GROK2API_GROK_TIMEOUT")));

        // when
        List<String> unchanged = config.update(Map.of("grok", Map.of("timeout", 90)));
        InvalidRequestException error = rejected(() -> config.update(Map.of("grok", Map.of("timeout", 91))));

        // then
        assertThat(unchanged).isEmpty();
        assertThat(error.code()).isEqualTo("config_key_read_only");
        assertThat(error.publicMessage()).contains("GROK2API_GROK_TIMEOUT");
        assertThat(config.describe())
                .filteredOn(k -> k.key().equals("grok.timeout"))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.source()).isEqualTo(ConfigService.Source.OVERRIDE);
                    assertThat(k.overrideSource()).isEqualTo("GROK2API_GROK_TIMEOUT");
                    assertThat(k.readOnly()).isTrue();
                });
    }

    @Test
    void should_send_password_changes_to_the_password_endpoint() {
        ConfigService config = open(Map.of());
        InvalidRequestException error = rejected(() -> config.update(Map.of("app", Map.of("app_key", "new-password"))));
        assertThat(error.code()).isEqualTo("config_key_read_only");
        assertThat(error.publicMessage()).contains("/api/v1/admin/password").doesNotContain("new-password");
    }

    @Test
    void should_pick_up_another_instances_change_on_refresh() {
        // given: two instances on one store
        ConfigService first = open(Map.of());
        ConfigService second = open(Map.of());

        // when
        first.update(Map.of("grok", Map.of("max_retry", 7)));

        // then
        assertThat(second.current().longValue("grok.max_retry")).isEqualTo(3);
        assertThat(second.refresh()).isTrue();
        assertThat(second.current().longValue("grok.max_retry")).isEqualTo(7);
        assertThat(second.refresh()).isFalse();
        assertThat(events).contains("changed [grok.max_retry] elsewhere");
    }

    @Test
    void should_ignore_stored_values_that_no_longer_fit_the_schema() {
        // given
        store.merge(Map.of("grok.timeout", "soon", "admin.password_hash", "x", "grok.max_retry", 4L));

        // when
        ConfigService config = open(Map.of());

        // then
        assertThat(config.current().longValue("grok.timeout")).isEqualTo(120);
        assertThat(config.current().longValue("grok.max_retry")).isEqualTo(4);
        assertThat(config.current().has("admin.password_hash")).isFalse();
        assertThat(events).containsExactly("ignored grok.timeout");
    }

    @Test
    void should_fail_at_start_when_an_override_breaks_the_schema() {
        assertThatThrownBy(() -> open(Map.of(
                        "grok.thinking_format", new ConfigService.Override("loud", "GROK2API_GROK_THINKING_FORMAT"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grok.thinking_format");
    }
}
