package dev.grok2api.grok.client;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code grok.*} settings the client reads, pointed at a mock. */
final class TestSettings {
    private TestSettings() {}

    /** The settings pointed at {@code baseUrl}, with some keys replaced. */
    static SettingsSource source(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(grok(baseUrl));
        values.putAll(overrides);
        return SettingsSource.fixed(Settings.of(values));
    }

    static Map<String, Object> grok(String baseUrl) {
        Map<String, Object> values = new HashMap<>();
        values.put("grok.base_url", baseUrl);
        values.put("grok.assets_url", baseUrl);
        values.put("grok.accounts_url", baseUrl);
        values.put("grok.temporary", true);
        values.put("grok.stream", false);
        values.put("grok.thinking", true);
        values.put("grok.thinking_format", "reasoning_content");
        values.put("grok.dynamic_statsig", true);
        values.put("grok.filter_tags", List.of("xaiartifact"));
        values.put("grok.video_poster_preview", false);
        values.put("grok.timeout", 10);
        values.put("grok.first_byte_timeout", 10);
        values.put("grok.idle_timeout", 10);
        values.put("grok.total_timeout", 30);
        values.put("grok.heartbeat_seconds", 15);
        values.put("grok.base_proxy_url", "");
        values.put("grok.asset_proxy_url", "");
        values.put("grok.cf_clearance", "");
        values.put("grok.max_retry", 3);
        values.put("grok.retry_status_codes", List.of(401, 429, 403));
        values.put("grok.image_generation_method", "legacy");
        values.put("grok.user_agent", "test-agent/1.0");
        return values;
    }
}
