package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.CreatedApiKey;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.apikey.KeyUsage;
import dev.grok2api.core.apikey.NewApiKey;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.service.ApiKeyService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Client API keys under {@code /api/v1/admin} (behind the admin session check), in the reference's shapes.
 *
 * <ul>
 *   <li>{@code GET /keys} ({@code page}, {@code page_size}, {@code search}, {@code enabled}) → {@code
 *       {"success":true,"data":[KeyView],"total","page","page_size","day"}}
 *   <li>{@code POST /keys} {@code {"name"?,"key"?,"is_active"?,"limits"?,"expires_at"?,"allowed_models"?,
 *       "requests_per_minute"?,"max_concurrency"?}} → {@code {"success":true,"data":KeyView}}, whose {@code key}
 *       is the key itself — shown this once
 *   <li>{@code POST /keys/update} {@code {"key", …same fields}} → {@code {"success":true}}
 *   <li>{@code POST /keys/delete} {@code {"key"}} → {@code {"success":true}}
 *   <li>{@code POST /keys/batch-create} {@code {"name_prefix","count", …same fields}} → {@code
 *       {"success":true,"data":[KeyView]}}
 *   <li>{@code POST /keys/batch-delete} {@code {"keys":[…]}} → {@code {"success":true,"deleted":n}}
 *   <li>{@code GET /keys/models} → {@code {"data":[{"id","display_name","bucket"}]}}: the models an allow-list may
 *       name, for the admin UI's picker (the catalog is otherwise only visible with a client key)
 * </ul>
 *
 * <p>Keys are stored hashed, so in listings {@code KeyView.key} is the key's id (what update and delete take; the key
 * itself is accepted too) and {@code display_key} its mask; only the create responses carry the key itself. Limits accept the reference's {@code chat_per_day} … names and
 * {@code chat_limit} …; a missing, empty or non-numeric limit, or one below −1, means unlimited (−1).
 */
public final class KeyRoutes {
    private static final String KEYS = AdminAuthRoutes.PREFIX + "/keys";

    private final ApiKeyService keys;
    private final ModelCatalog catalog;

    public KeyRoutes(ApiKeyService keys, ModelCatalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(KEYS, this::list);
        routes.post(KEYS, this::create);
        routes.post(KEYS + "/update", this::update);
        routes.post(KEYS + "/delete", this::delete);
        routes.post(KEYS + "/batch-create", this::createBatch);
        routes.post(KEYS + "/batch-delete", this::deleteBatch);
        routes.get(KEYS + "/models", this::models);
    }

    private void models(Context ctx) {
        List<Object> data = new ArrayList<>();
        for (ModelSpec model : catalog.all()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", model.id());
            view.put("display_name", model.displayName());
            view.put("bucket", model.usageBucket().name().toLowerCase(Locale.ROOT));
            data.add(view);
        }
        ctx.json(Map.of("data", data));
    }

    private void list(Context ctx) {
        int page = Math.max(1, Fields.intParam(ctx, "page", 1));
        int pageSize = Math.clamp(Fields.intParam(ctx, "page_size", ApiKeyQuery.MAX_LIMIT), 1, ApiKeyQuery.MAX_LIMIT);
        String enabled = ctx.queryParam("enabled");
        ApiKeyQuery query = new ApiKeyQuery(
                ctx.queryParam("search"),
                enabled == null || enabled.isBlank() ? null : Boolean.parseBoolean(enabled.trim()),
                (page - 1) * pageSize,
                pageSize);
        ApiKeyService.Listing listing = keys.list(query);
        List<Object> data = new ArrayList<>();
        listing.items().forEach(item -> data.add(view(item, listing.day())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        body.put("total", listing.total());
        body.put("page", page);
        body.put("page_size", pageSize);
        body.put("day", listing.day().toString());
        ctx.json(body);
    }

    private void create(Context ctx) {
        Map<String, Object> body = Fields.body(ctx);
        CreatedApiKey created = keys.create(newKey(body, Fields.string(body, "key")));
        ctx.json(Map.of("success", true, "data", createdView(created)));
    }

    private void createBatch(Context ctx) {
        Map<String, Object> body = Fields.body(ctx);
        Object count = body.get("count");
        if (!(count instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw InvalidRequestException.invalidValue(
                    "count", "count must be a whole number 1.." + ApiKeyService.MAX_BATCH);
        }
        List<Object> data = new ArrayList<>();
        keys.createBatch(Fields.string(body, "name_prefix"), n.intValue(), newKey(body, null))
                .forEach(created -> data.add(createdView(created)));
        ctx.json(Map.of("success", true, "data", data));
    }

    private void update(Context ctx) {
        Map<String, Object> body = Fields.body(ctx);
        ApiKeyEdit edit = ApiKeyEdit.none();
        if (body.get("name") instanceof String name && !name.isBlank()) {
            edit = edit.withName(name);
        }
        if (body.containsKey("is_active")) {
            edit = edit.withEnabled(Fields.truthy(body.get("is_active")));
        }
        if (body.get("limits") instanceof Map<?, ?> limits && !limits.isEmpty()) {
            edit = edit.withLimits(limits(limits, keys.get(requireKey(body)).limits()));
        }
        if (body.containsKey("expires_at")) {
            Instant expiresAt = instant(body.get("expires_at"));
            edit = expiresAt == null ? edit.withoutExpiry() : edit.withExpiresAt(expiresAt);
        }
        if (body.containsKey("allowed_models")) {
            edit = edit.withAllowedModels(Fields.strings(body, "allowed_models"));
        }
        if (body.containsKey("requests_per_minute")) {
            edit = edit.withRequestsPerMinute(Fields.limit(body.get("requests_per_minute")));
        }
        if (body.containsKey("max_concurrency")) {
            edit = edit.withMaxConcurrency(Fields.limit(body.get("max_concurrency")));
        }
        keys.update(requireKey(body), edit);
        ctx.json(Map.of("success", true));
    }

    private void delete(Context ctx) {
        keys.delete(requireKey(Fields.body(ctx)));
        ctx.json(Map.of("success", true));
    }

    private void deleteBatch(Context ctx) {
        List<String> refs = Fields.strings(Fields.body(ctx), "keys");
        ctx.json(Map.of("success", true, "deleted", keys.deleteAll(refs)));
    }

    private static String requireKey(Map<String, Object> body) {
        String key = Fields.string(body, "key");
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException("missing_key", "key", "Missing key");
        }
        return key;
    }

    private static NewApiKey newKey(Map<String, Object> body, String rawKey) {
        return new NewApiKey(
                Fields.string(body, "name"),
                rawKey,
                !body.containsKey("is_active") || Fields.truthy(body.get("is_active")),
                body.get("limits") instanceof Map<?, ?> limits ? limits(limits, DailyLimits.NONE) : DailyLimits.NONE,
                instant(body.get("expires_at")),
                Fields.strings(body, "allowed_models"),
                body.containsKey("requests_per_minute") ? Fields.limit(body.get("requests_per_minute")) : -1,
                body.containsKey("max_concurrency") ? Fields.limit(body.get("max_concurrency")) : -1);
    }

    /** Limits present in the map replace those of {@code base}; absent ones are kept. */
    private static DailyLimits limits(Map<?, ?> limits, DailyLimits base) {
        return new DailyLimits(
                limit(limits, "chat", base.chat()),
                limit(limits, "heavy", base.heavy()),
                limit(limits, "image", base.image()),
                limit(limits, "video", base.video()));
    }

    private static int limit(Map<?, ?> limits, String bucket, int current) {
        for (String name : List.of(bucket + "_per_day", bucket + "_limit", bucket)) {
            if (limits.containsKey(name)) {
                return Fields.limit(limits.get(name));
            }
        }
        return current;
    }

    /** Epoch seconds, epoch milliseconds (13 digits), or ISO-8601; null or empty means none. */
    private static Instant instant(Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return null;
        }
        if (value instanceof Number n) {
            long number = n.longValue();
            return number > 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        try {
            return Instant.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.invalidValue(
                    "expires_at",
                    "expires_at must be epoch seconds or an ISO-8601 time like 2030-01-31T00:00:00Z, got '" + value
                            + "'");
        }
    }

    private static Map<String, Object> createdView(CreatedApiKey created) {
        Map<String, Object> view = keyView(created.key());
        view.put("key", created.rawKey());
        return view;
    }

    private static Map<String, Object> view(KeyUsage item, LocalDate day) {
        Map<String, Object> view = keyView(item.key());
        Map<String, Object> used = new LinkedHashMap<>();
        Map<String, Object> remaining = new LinkedHashMap<>();
        for (UsageBucket bucket : UsageBucket.values()) {
            String name = bucket.name().toLowerCase(Locale.ROOT);
            used.put(name + "_used", item.today().used(bucket));
            remaining.put(name, item.remaining(bucket));
        }
        view.put("usage_today", used);
        view.put("remaining_today", remaining);
        view.put("day", day.toString());
        return view;
    }

    private static Map<String, Object> keyView(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", key.id());
        view.put("id", key.id());
        view.put("name", key.name());
        view.put("created_at", key.createdAt().getEpochSecond());
        view.put("is_active", key.enabled());
        view.put("chat_limit", key.limits().chat());
        view.put("heavy_limit", key.limits().heavy());
        view.put("image_limit", key.limits().image());
        view.put("video_limit", key.limits().video());
        view.put("display_key", key.mask());
        view.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
        view.put("allowed_models", key.allowedModels());
        view.put("requests_per_minute", key.requestsPerMinute());
        view.put("max_concurrency", key.maxConcurrency());
        return view;
    }
}
