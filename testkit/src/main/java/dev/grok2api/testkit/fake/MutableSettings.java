package dev.grok2api.testkit.fake;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SettingsSource} a test changes by hand, starting from the gateway's bundled defaults (every key of {@code
 * config.defaults.toml}, kept identical to it by a test in server-javalin). Thread-safe.
 *
 * <pre>{@code
 * MutableSettings settings = MutableSettings.defaults().set("grok.base_url", mock.baseUrl());
 * }</pre>
 */
public final class MutableSettings implements SettingsSource {
    private volatile Settings current;

    private MutableSettings(Settings settings) {
        this.current = settings;
    }

    /** A source holding the bundled defaults. */
    public static MutableSettings defaults() {
        return new MutableSettings(Settings.of(defaultValues()));
    }

    /** A source holding the bundled defaults with these keys replaced. */
    public static MutableSettings with(Map<String, ?> overrides) {
        return new MutableSettings(Settings.of(defaultValues()).with(overrides));
    }

    /** The bundled defaults, {@code section.key} → value, in file order. */
    public static Map<String, Object> defaultValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("grok.temporary", true);
        values.put("grok.stream", false);
        values.put("grok.thinking", true);
        values.put("grok.thinking_format", "reasoning_content");
        values.put("grok.dynamic_statsig", true);
        values.put("grok.filter_tags", List.of("xaiartifact", "xai:tool_usage_card", "grok:render"));
        values.put("grok.video_poster_preview", false);
        values.put("grok.timeout", 120L);
        values.put("grok.first_byte_timeout", 30L);
        values.put("grok.idle_timeout", 120L);
        values.put("grok.total_timeout", 600L);
        values.put("grok.heartbeat_seconds", 15L);
        values.put("grok.base_proxy_url", "");
        values.put("grok.asset_proxy_url", "");
        values.put("grok.cf_clearance", "");
        values.put("grok.max_retry", 3L);
        values.put("grok.retry_status_codes", List.of(401L, 429L, 403L));
        values.put("grok.image_generation_method", "legacy");
        values.put("grok.base_url", "https://grok.com");
        values.put("grok.assets_url", "https://assets.grok.com");
        values.put("grok.accounts_url", "https://accounts.x.ai");
        values.put("grok.allow_private_attachment_urls", false);
        values.put("grok.attachment_max_mb", 50L);
        values.put("grok.attachment_timeout", 10L);
        values.put(
                "grok.user_agent",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36");
        values.put("app.app_url", "http://127.0.0.1:8000");
        values.put("app.admin_username", "admin");
        values.put("app.app_key", "admin");
        values.put("app.api_key", "");
        values.put("app.image_format", "url");
        values.put("app.video_format", "url");
        values.put("app.image_pad_missing", false);
        values.put("app.session_ttl_hours", 8L);
        values.put("app.login_max_failures", 5L);
        values.put("app.login_lockout_seconds", 300L);
        values.put("app.trusted_proxies", List.of());
        values.put("app.public_chat", false);
        values.put("token.auto_refresh", true);
        values.put("token.refresh_interval_hours", 8L);
        values.put("token.fail_threshold", 5L);
        values.put("token.save_delay_ms", 500L);
        values.put("token.reload_interval_sec", 30L);
        values.put("token.nsfw_refresh_concurrency", 10L);
        values.put("token.nsfw_refresh_retries", 3L);
        values.put("token.sticky_sessions", true);
        values.put("cache.enable_auto_clean", true);
        values.put("cache.limit_mb", 1024L);
        values.put("cache.keep_base64_cache", true);
        values.put("performance.assets_max_concurrent", 25L);
        values.put("performance.media_max_concurrent", 50L);
        values.put("performance.usage_max_concurrent", 25L);
        values.put("performance.assets_delete_batch_size", 10L);
        values.put("performance.admin_assets_batch_size", 10L);
        values.put("stats.request_log_enabled", true);
        values.put("stats.request_log_retention_days", 7L);
        values.put("stats.usage_retention_days", 90L);
        values.put("register.worker_domain", "");
        values.put("register.email_domain", "");
        values.put("register.admin_password", "");
        values.put("register.yescaptcha_key", "");
        values.put("register.solver_url", "http://127.0.0.1:5072");
        values.put("register.solver_browser_type", "camoufox");
        values.put("register.solver_threads", 5L);
        values.put("register.register_threads", 10L);
        values.put("register.default_count", 100L);
        values.put("register.auto_start_solver", true);
        values.put("register.solver_debug", false);
        values.put("register.max_errors", 0L);
        values.put("register.max_runtime_minutes", 0L);
        return values;
    }

    @Override
    public Settings current() {
        return current;
    }

    /** Replaces one key; returns this source. */
    public MutableSettings set(String key, Object value) {
        current = current.with(Map.of(key, value));
        return this;
    }

    /** Replaces several keys; returns this source. */
    public MutableSettings setAll(Map<String, ?> values) {
        current = current.with(values);
        return this;
    }
}
