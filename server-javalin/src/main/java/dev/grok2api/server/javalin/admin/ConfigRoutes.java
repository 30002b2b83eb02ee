package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.config.ConfigService;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live configuration and the storage backend, under {@code /api/v1/admin} (behind the admin session check).
 *
 * <ul>
 *   <li>{@code GET /config} → the effective configuration {@code {section: {key: value}}}, secrets masked
 *   <li>{@code POST /config} a partial {@code {section: {key: value}}}, deep-merged; secrets posted back masked are
 *       kept; 400 naming the key for unknown keys, wrong values and keys fixed by the environment
 *   <li>{@code GET /config/meta} → per key: source ({@code default}, {@code stored}, {@code environment}), the
 *       environment variable, whether it is secret or read-only, what it accepts and its choices
 *   <li>{@code GET /storage} → {@code {"type": SERVER_STORAGE_TYPE}}
 * </ul>
 */
public final class ConfigRoutes {
    private final ConfigService config;
    private final String storageType;

    public ConfigRoutes(ConfigService config, String storageType) {
        this.config = config;
        this.storageType = storageType;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(AdminAuthRoutes.PREFIX + "/config", ctx -> ctx.json(config.view()));
        routes.post(AdminAuthRoutes.PREFIX + "/config", this::update);
        routes.get(AdminAuthRoutes.PREFIX + "/config/meta", this::meta);
        routes.get(AdminAuthRoutes.PREFIX + "/storage", ctx -> ctx.json(Map.of("type", storageType)));
    }

    private void update(Context ctx) {
        List<String> changed = config.update(JsonCodec.parseObject(ctx.body()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", "Configuration updated");
        body.put("changed", changed);
        ctx.json(body);
    }

    private void meta(Context ctx) {
        List<Object> keys = new ArrayList<>();
        for (ConfigService.KeyInfo info : config.describe()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", info.key());
            entry.put(
                    "source",
                    info.source() == ConfigService.Source.OVERRIDE
                            ? "environment"
                            : info.source().name().toLowerCase(Locale.ROOT));
            entry.put("env", info.overrideSource());
            entry.put("secret", info.secret());
            entry.put("read_only", info.readOnly());
            entry.put("accepts", info.accepts());
            entry.put("choices", info.choices());
            keys.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", config.version());
        body.put("keys", keys);
        ctx.json(body);
    }
}
