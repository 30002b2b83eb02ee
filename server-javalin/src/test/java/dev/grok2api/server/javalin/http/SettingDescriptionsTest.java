package dev.grok2api.server.javalin.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.config.ConfigLoader;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings page describes every configuration key in both languages (a new key needs its two sentences). */
class SettingDescriptionsTest {
    private static Map<String, Object> strings(StaticAssets assets, String language) {
        byte[] json =
                assets.get("assets/i18n/" + language + ".json").orElseThrow().bytes();
        return JsonCodec.parseObject(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void should_describe_every_configuration_key_in_english_and_chinese() {
        // given
        StaticAssets assets = StaticAssets.load();
        Map<String, Object> english = strings(assets, "en");
        Map<String, Object> chinese = strings(assets, "zh-CN");

        // when
        List<String> undescribed = ConfigLoader.defaults().keySet().stream()
                .filter(key -> !english.containsKey("cfg." + key) || !chinese.containsKey("cfg." + key))
                .toList();

        // then
        assertThat(undescribed)
                .as("config keys without cfg.<key> in assets/i18n/{en,zh-CN}.json")
                .isEmpty();
    }
}
