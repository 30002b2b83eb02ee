package dev.grok2api.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    private static final Map<String, Object> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("grok.timeout", 120L);
        DEFAULTS.put("grok.max_retry", 3L);
        DEFAULTS.put("grok.retry_status_codes", List.of(401L, 429L));
        DEFAULTS.put("grok.thinking_format", "reasoning_content");
        DEFAULTS.put("grok.base_url", "https://grok.com");
        DEFAULTS.put("grok.base_proxy_url", "");
        DEFAULTS.put("grok.cf_clearance", "");
        DEFAULTS.put("grok.temporary", true);
        DEFAULTS.put("grok.filter_tags", List.of("a"));
        DEFAULTS.put("app.app_key", "admin");
        DEFAULTS.put("app.api_key", "");
    }

    private final ConfigSchema schema = ConfigSchema.of(DEFAULTS);

    @Test
    void should_coerce_values_to_the_type_of_their_default() {
        assertThat(schema.coerce("grok.timeout", "60")).isEqualTo(60L);
        assertThat(schema.coerce("grok.timeout", 60.0)).isEqualTo(60L);
        assertThat(schema.coerce("grok.temporary", "off")).isEqualTo(false);
        assertThat(schema.coerce("grok.retry_status_codes", "429, 503")).isEqualTo(List.of(429L, 503L));
        assertThat(schema.coerce("grok.retry_status_codes", List.of(500.0))).isEqualTo(List.of(500L));
        assertThat(schema.coerce("grok.filter_tags", "[\"x\",\"y\"]")).isEqualTo(List.of("x", "y"));
    }

    @Test
    void should_name_the_key_and_what_it_accepts_when_a_value_is_wrong() {
        assertThatThrownBy(() -> schema.coerce("grok.timeout", "soon"))
                .hasMessageContaining("grok.timeout")
                .hasMessageContaining("a whole number");
        assertThatThrownBy(() -> schema.coerce("grok.timeout", 1.5)).hasMessageContaining("a whole number");
        assertThatThrownBy(() -> schema.coerce("grok.timeout", 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> schema.coerce("grok.max_retry", -1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> schema.coerce("grok.thinking_format", "loud"))
                .hasMessageContaining("one of reasoning_content, think_tags, hidden");
        assertThatThrownBy(() -> schema.coerce("grok.retry_status_codes", List.of(99)))
                .hasMessageContaining("100..599");
        assertThatThrownBy(() -> schema.coerce("grok.base_url", "grok.com")).hasMessageContaining("a URL");
        assertThatThrownBy(() -> schema.coerce("grok.nope", 1)).hasMessageContaining("unknown config key grok.nope");
    }

    @Test
    void should_accept_proxy_urls_and_empty_but_not_other_schemes() {
        assertThat(schema.coerce("grok.base_proxy_url", "socks5://127.0.0.1:1080"))
                .isEqualTo("socks5://127.0.0.1:1080");
        assertThat(schema.coerce("grok.base_proxy_url", "")).isEqualTo("");
        assertThatThrownBy(() -> schema.coerce("grok.base_proxy_url", "ftp://u:hunter22@host:21"))
                .hasMessageContaining("grok.base_proxy_url")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void should_mask_secrets_by_kind_and_leave_other_values_alone() {
        assertThat(schema.mask("app.app_key", "correct horse")).isEqualTo(ConfigSchema.HIDDEN);
        assertThat(schema.mask("app.api_key", "sk-0123456789abcdefghij")).isEqualTo("sk-012…ghij");
        assertThat(schema.mask("grok.base_proxy_url", "http://bob:s3cret@proxy:8080"))
                .isEqualTo("http://bob:****@proxy:8080");
        assertThat(schema.mask("app.api_key", "")).isEqualTo("");
        assertThat(schema.mask("grok.timeout", 120L)).isEqualTo(120L);
        assertThat(schema.isSecret("grok.cf_clearance")).isTrue();
        assertThat(schema.isSecret("grok.timeout")).isFalse();
    }

    @Test
    void should_not_repeat_a_rejected_secret_in_the_message() {
        assertThatThrownBy(() -> schema.coerce("app.api_key", List.of("sk-leaked-value-123456")))
                .hasMessageContaining("app.api_key")
                .hasMessageNotContaining("sk-leaked");
    }

    @Test
    void should_describe_keys_for_editors() {
        assertThat(schema.describe("grok.timeout")).isEqualTo("a whole number >= 1");
        assertThat(schema.describe("grok.thinking_format")).startsWith("one of ");
        assertThat(schema.describe("grok.temporary")).isEqualTo("true or false");
    }
}
