package dev.grok2api.server.javalin.storage;

import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ConfigValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * The reference's legacy {@code data/setting.toml} ({@code [global]} and {@code [grok]} sections) mapped to today's
 * keys, as service-spec §4.4 lists. Only values that differ from the defaults come out: a legacy file that still
 * holds a default (including the old default password {@code grok2api}) must not override anything.
 */
final class LegacySettings {
    /** Legacy key → new key, for the values that carry over unchanged. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("global.base_url", "app.app_url"),
            Map.entry("global.admin_username", "app.admin_username"),
            Map.entry("global.admin_password", "app.app_key"),
            Map.entry("grok.api_key", "app.api_key"),
            Map.entry("global.image_mode", "app.image_format"),
            Map.entry("grok.proxy_url", "grok.base_proxy_url"),
            Map.entry("grok.cache_proxy_url", "grok.asset_proxy_url"),
            Map.entry("grok.cf_clearance", "grok.cf_clearance"),
            Map.entry("grok.temporary", "grok.temporary"),
            Map.entry("grok.show_thinking", "grok.thinking"),
            Map.entry("grok.dynamic_statsig", "grok.dynamic_statsig"));

    private static final String OLD_DEFAULT_PASSWORD = "grok2api";

    private LegacySettings() {}

    /**
     * The new-style values a legacy file implies.
     *
     * @param text the legacy file's TOML
     * @param defaults today's defaults, {@code section.key} → value, for types and the "still default" test
     * @throws ConfigException when the text is not TOML or a value has the wrong type
     */
    static Map<String, Object> map(String text, Map<String, Object> defaults) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new ConfigException(
                    "setting.toml is not valid TOML: " + toml.errors().get(0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        RENAMED.forEach((legacy, key) -> {
            Object value = toml.get(legacy);
            if (value != null) {
                out.put(key, value);
            }
        });
        if (out.get("grok.cf_clearance") instanceof String clearance && clearance.startsWith("cf_clearance=")) {
            out.put("grok.cf_clearance", clearance.substring("cf_clearance=".length()));
        }
        if (toml.get("grok.filtered_tags") instanceof String tags) {
            List<String> list = new ArrayList<>();
            for (String tag : tags.split(",")) {
                if (!tag.isBlank()) {
                    list.add(tag.trim());
                }
            }
            out.put("grok.filter_tags", list);
        }
        double total = positive(toml.get("grok.stream_total_timeout"));
        double chunk = positive(toml.get("grok.stream_chunk_timeout"));
        if (total > 0 || chunk > 0) {
            out.put("grok.timeout", total > 0 ? total : chunk);
        }
        if (toml.get("grok.retry_status_codes") instanceof TomlArray codes && codes.size() > 0) {
            out.put("grok.retry_status_codes", codes.toList());
        }
        double images = positive(toml.get("global.image_cache_max_size_mb"));
        double videos = positive(toml.get("global.video_cache_max_size_mb"));
        if (images > 0 || videos > 0) {
            out.put("cache.limit_mb", Math.max(1L, Math.round(images + videos)));
        }

        Map<String, Object> changed = new LinkedHashMap<>();
        out.forEach((key, value) -> {
            if (!defaults.containsKey(key)) {
                return;
            }
            Object coerced = ConfigValues.coerce(key, value, defaults.get(key), "setting.toml");
            boolean stillDefault = Objects.equals(coerced, defaults.get(key))
                    || (key.equals("app.app_key") && OLD_DEFAULT_PASSWORD.equals(coerced));
            if (!stillDefault) {
                changed.put(key, coerced);
            }
        });
        return changed;
    }

    private static double positive(Object value) {
        return value instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : 0;
    }
}
