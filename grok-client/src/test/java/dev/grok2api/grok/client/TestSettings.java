package dev.grok2api.grok.client;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.testkit.fake.MutableSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bundled settings pointed at a mock, with short timeouts and a recognisable user agent. */
final class TestSettings {
    private TestSettings() {}

    /** The settings pointed at {@code baseUrl}, with some keys replaced. */
    static SettingsSource source(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(grok(baseUrl));
        values.putAll(overrides);
        return MutableSettings.with(values);
    }

    /** The keys that differ from the bundled defaults in these tests. */
    static Map<String, Object> grok(String baseUrl) {
        Map<String, Object> values = new HashMap<>();
        values.put("grok.base_url", baseUrl);
        values.put("grok.assets_url", baseUrl);
        values.put("grok.accounts_url", baseUrl);
        values.put("grok.filter_tags", List.of("xaiartifact"));
        values.put("grok.timeout", 10);
        values.put("grok.first_byte_timeout", 10);
        values.put("grok.idle_timeout", 10);
        values.put("grok.total_timeout", 30);
        values.put("grok.user_agent", "test-agent/1.0");
        return values;
    }
}
