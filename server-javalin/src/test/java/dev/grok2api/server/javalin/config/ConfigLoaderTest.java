package dev.grok2api.server.javalin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.config.Settings;
import dev.grok2api.testkit.fake.MutableSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final Map<String, Object> defaults = ConfigLoader.defaults();

    @Test
    void should_bundle_every_reference_key_with_its_default() {
        assertThat(defaults)
                .containsEntry("grok.temporary", true)
                .containsEntry("grok.thinking", true)
                .containsEntry("grok.dynamic_statsig", true)
                .containsEntry("grok.filter_tags", List.of("xaiartifact", "xai:tool_usage_card", "grok:render"))
                .containsEntry("grok.timeout", 120L)
                .containsEntry("grok.max_retry", 3L)
                .containsEntry("grok.retry_status_codes", List.of(401L, 429L, 403L))
                .containsEntry("grok.image_generation_method", "legacy")
                .containsEntry("app.app_url", "http://127.0.0.1:8000")
                .containsEntry("app.admin_username", "admin")
                .containsEntry("app.app_key", "admin")
                .containsEntry("app.api_key", "")
                .containsEntry("token.refresh_interval_hours", 8L)
                .containsEntry("token.fail_threshold", 5L)
                .containsEntry("cache.limit_mb", 1024L)
                .containsEntry("performance.assets_max_concurrent", 25L)
                .containsEntry("register.solver_url", "http://127.0.0.1:5072");
        assertThat(defaults)
                .containsKeys("grok.base_url", "grok.assets_url", "grok.accounts_url", "grok.thinking_format");
        // Decision 2: an omitted "stream" means non-streaming, as in OpenAI.
        assertThat(defaults).containsEntry("grok.stream", false);
        Settings settings = Settings.of(defaults);
        assertThat(settings.grok().baseUrl()).isEqualTo("https://grok.com");
    }

    @Test
    void should_coerce_environment_overrides_to_the_defaults_types() {
        // when
        Map<String, Object> overrides = ConfigLoader.environmentOverrides(
                Map.of(
                        "GROK2API_GROK_BASE_URL", "http://127.0.0.1:9999",
                        "GROK2API_GROK_MAX_RETRY", "5",
                        "GROK2API_GROK_TEMPORARY", "false",
                        "GROK2API_GROK_RETRY_STATUS_CODES", "429, 503",
                        "GROK2API_GROK_FILTER_TAGS", "[\"a\",\"b\"]",
                        "UNRELATED", "x"),
                defaults);

        // then
        assertThat(overrides)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "grok.base_url",
                        "http://127.0.0.1:9999",
                        "grok.max_retry",
                        5L,
                        "grok.temporary",
                        false,
                        "grok.retry_status_codes",
                        List.of(429L, 503L),
                        "grok.filter_tags",
                        List.of("a", "b")));
    }

    @Test
    void should_name_the_variable_when_an_override_has_the_wrong_type() {
        assertThatThrownBy(() -> ConfigLoader.environmentOverrides(Map.of("GROK2API_GROK_MAX_RETRY", "many"), defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("grok.max_retry")
                .hasMessageContaining("GROK2API_GROK_MAX_RETRY")
                .hasMessageContaining("a whole number");
    }

    @Test
    void should_read_known_keys_from_a_config_file_and_ignore_unknown_ones(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "[app]\napi_key = \"sk-file\"\nnot_a_key = 1\n[grok]\ntimeout = 60\n");

        // when
        Map<String, Object> values = ConfigLoader.readFile(file, defaults);

        // then
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("app.api_key", "sk-file", "grok.timeout", 60L));
    }

    @Test
    void should_report_invalid_toml_with_its_source(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "[app\napi_key = ");
        assertThatThrownBy(() -> ConfigLoader.readFile(file, defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void should_match_the_testkit_defaults_so_service_tests_run_on_the_real_defaults() {
        assertThat(MutableSettings.defaultValues()).containsExactlyEntriesOf(defaults);
    }
}
