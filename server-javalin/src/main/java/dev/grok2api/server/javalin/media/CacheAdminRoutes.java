package dev.grok2api.server.javalin.media;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaPage;
import dev.grok2api.core.media.MediaUsage;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.MediaCache;
import dev.grok2api.core.service.OnlineAssetJobs;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.server.javalin.admin.AdminAuthRoutes;
import dev.grok2api.server.javalin.admin.JobViews;
import dev.grok2api.server.javalin.http.QueryParams;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin cache page's API under {@code /api/v1/admin} (behind the admin session check), in the reference's paths
 * and shapes:
 *
 * <ul>
 *   <li>{@code GET /cache} ({@code scope=all}, or {@code token=<t>}, or {@code tokens=a,b}) → {@code
 *       {local_image, local_video, online, online_accounts, online_scope, online_details}}; counting online assets
 *       runs as a job ({@code media.count_online_assets}) which the request waits for; with {@code async=true} it
 *       answers 202 with the job at once. {@code online_accounts} lists every account, as the reference does, unless
 *       {@code page}/{@code page_size} (at most {@value TokenQuery#MAX_LIMIT}, default {@value #ACCOUNT_PAGE_SIZE})
 *       and optionally {@code search} ask for one page in creation order; the answer then adds {@code
 *       online_accounts_total}, {@code page} and {@code page_size}
 *   <li>{@code GET /cache/local} → {@code {local_image, local_video}}; {@code Stats} = {@code {count, size_mb,
 *       size_bytes}}
 *   <li>{@code GET /cache/list} ({@code type}|{@code cache_type} image|video, {@code page}, {@code page_size}) →
 *       newest first, {@code items[{name, size_bytes, mtime_ms, view_url, preview_url?}]}
 *   <li>{@code POST /cache/clear} {@code {"type"}} → {@code {"status":"success","result":{count, size_mb}}}
 *   <li>{@code POST /cache/item/delete} {@code {"type","name"}} → {@code {"status":"success","result":{deleted}}}
 *   <li>{@code POST /cache/online/clear} {@code {"tokens":[…]}} (per-account {@code results}) or {@code {"token"}}
 *       (one {@code result}; without a token, the first active account): purges online assets as a job ({@code
 *       media.purge_online_assets}), waiting for it unless {@code "async": true}
 * </ul>
 *
 * Every answer that ran a job also carries it ({@code job}); its progress is at {@code GET /api/v1/admin/jobs/{id}}.
 */
public final class CacheAdminRoutes {
    /** Longest a waiting request waits before answering 202 with the still-running job. */
    static final Duration SYNC_WAIT = Duration.ofMinutes(10);

    private static final int DEFAULT_PAGE_SIZE = 1000;
    private static final int ACCOUNT_PAGE_SIZE = 50;

    private final MediaCache cache;
    private final OnlineAssetJobs online;
    private final TokenStore tokens;
    private final InstantSource clock;

    public CacheAdminRoutes(MediaCache cache, OnlineAssetJobs online, TokenStore tokens, InstantSource clock) {
        this.cache = cache;
        this.online = online;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The cache figures of the data-center metrics: {@code {"local_image":Stats,"local_video":Stats}}. */
    public static Supplier<Map<String, Object>> figures(MediaCache cache) {
        return () -> local(cache);
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        String prefix = AdminAuthRoutes.PREFIX + "/cache";
        routes.get(prefix, this::overview);
        routes.get(prefix + "/local", ctx -> ctx.json(local(cache)));
        routes.get(prefix + "/list", this::list);
        routes.post(prefix + "/clear", this::clear);
        routes.post(prefix + "/item/delete", this::deleteItem);
        routes.post(prefix + "/online/clear", this::clearOnline);
    }

    private static Map<String, Object> local(MediaCache cache) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("local_image", stats(cache.usage(MediaKind.IMAGE)));
        body.put("local_video", stats(cache.usage(MediaKind.VIDEO)));
        return body;
    }

    private static Map<String, Object> stats(MediaUsage usage) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", usage.count());
        stats.put("size_mb", usage.sizeMb());
        stats.put("size_bytes", usage.bytes());
        return stats;
    }

    private void overview(Context ctx) throws InterruptedException {
        Map<String, Object> body = local(cache);
        boolean paged = ctx.queryParam("page") != null || ctx.queryParam("page_size") != null;
        List<GrokToken> shown;
        if (paged) {
            int page = Math.max(1, QueryParams.intParam(ctx, "page", 1));
            int size = Math.clamp(QueryParams.intParam(ctx, "page_size", ACCOUNT_PAGE_SIZE), 1, TokenQuery.MAX_LIMIT);
            long offset = (long) (page - 1) * size;
            TokenPage result = tokens.list(new TokenQuery(
                    null,
                    null,
                    null,
                    ctx.queryParam("search"),
                    clock.instant(),
                    TokenSort.CREATED_ASC,
                    (int) Math.min(offset, Integer.MAX_VALUE),
                    size));
            shown = result.items();
            body.put("online_accounts_total", result.total());
            body.put("page", page);
            body.put("page_size", size);
        } else {
            shown = tokens.listAll();
        }
        Map<String, GrokToken> byToken = new LinkedHashMap<>();
        shown.forEach(account -> byToken.put(account.token(), account));
        String scope;
        List<String> selected;
        if ("all".equalsIgnoreCase(ctx.queryParam("scope"))) {
            scope = "all";
            if (paged) {
                tokens.listAll().forEach(account -> byToken.putIfAbsent(account.token(), account));
            }
            selected = List.copyOf(byToken.keySet());
        } else {
            selected = selection(ctx.queryParam("token"), ctx.queryParam("tokens"));
            scope = selected.isEmpty() ? "none" : "selected";
            for (String token : selected) {
                if (!byToken.containsKey(token)) {
                    tokens.find(token).ifPresent(account -> byToken.put(token, account));
                }
            }
        }
        List<Object> accountViews = new ArrayList<>();
        for (GrokToken account : shown) {
            Map<String, Object> view = account(account);
            view.put("pool", account.pool().wireName());
            view.put("status", account.status().wireName());
            accountViews.add(view);
        }
        List<Map<String, Object>> details = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        if (selected.isEmpty()) {
            summary.put("count", 0);
            summary.put("status", "not_loaded");
            summary.put("token", null);
            summary.put("last_asset_clear_at", null);
        } else {
            boolean async = "true".equalsIgnoreCase(ctx.queryParam("async"));
            Job job = counted(online.count(selected, !async), async);
            if (!job.state().finished()) {
                started(ctx, job);
                return;
            }
            int total = 0;
            int failed = 0;
            for (JobItemResult result : job.results()) {
                GrokToken account = byToken.get(result.item());
                Map<String, Object> detail = account != null ? account(account) : new LinkedHashMap<>();
                detail.putIfAbsent("token", result.item());
                int count = result.ok() ? ((Number) result.details().get("count")).intValue() : 0;
                detail.put("count", count);
                detail.put("status", result.ok() ? "ok" : "error: " + result.error());
                details.add(detail);
                total += count;
                failed += result.ok() ? 0 : 1;
            }
            summary.put("count", total);
            summary.put("status", failed == 0 ? "ok" : "error: " + failed + " account(s) could not be counted");
            if (selected.size() == 1 && !details.isEmpty()) {
                summary.putAll(details.get(0));
            } else {
                summary.put("token", null);
                summary.put("last_asset_clear_at", null);
            }
            body.put("job", JobViews.job(job));
        }
        body.put("online", summary);
        body.put("online_accounts", accountViews);
        body.put("online_scope", scope);
        body.put("online_details", details);
        ctx.json(body);
    }

    private Job counted(Job job, boolean async) throws InterruptedException {
        return async ? job : online.await(job.id(), SYNC_WAIT);
    }

    private static void started(Context ctx, Job job) {
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("status", "started");
        started.put("job", JobViews.job(job));
        ctx.status(202).json(started);
    }

    /** {@code token, token_masked, last_asset_clear_at} of an account. */
    private static Map<String, Object> account(GrokToken account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("token", account.token());
        view.put("token_masked", account.masked());
        view.put(
                "last_asset_clear_at",
                account.lastAssetClearAt() == null
                        ? null
                        : account.lastAssetClearAt().toEpochMilli());
        return view;
    }

    private static List<String> selection(String token, String tokenList) {
        Set<String> selected = new LinkedHashSet<>();
        List<String> raw = new ArrayList<>();
        if (token != null) {
            raw.add(token);
        }
        if (tokenList != null) {
            raw.addAll(List.of(tokenList.split(",")));
        }
        for (String value : raw) {
            if (!value.isBlank()) {
                selected.add(SsoCredential.parse(value.trim()).sso());
            }
        }
        return List.copyOf(selected);
    }

    private void list(Context ctx) {
        MediaKind kind = kind(ctx.queryParam("type") != null ? ctx.queryParam("type") : ctx.queryParam("cache_type"));
        MediaPage page = cache.page(
                kind, QueryParams.intParam(ctx, "page", 1), QueryParams.intParam(ctx, "page_size", DEFAULT_PAGE_SIZE));
        List<Object> items = new ArrayList<>();
        for (MediaPage.Item item : page.items()) {
            MediaEntry entry = item.entry();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", entry.name());
            view.put("size_bytes", entry.size());
            view.put("mtime_ms", entry.modified().toEpochMilli());
            view.put("view_url", "/v1/files/" + kind.pathSegment() + "/" + entry.name());
            if (item.preview() != null) {
                view.put("preview_url", "/v1/files/image/" + item.preview().name());
            }
            items.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("total", page.total());
        body.put("page", page.page());
        body.put("page_size", page.pageSize());
        body.put("items", items);
        ctx.json(body);
    }

    private void clear(Context ctx) {
        Map<String, Object> body = ctx.body().isBlank() ? Map.of() : JsonCodec.parseObject(ctx.body());
        MediaUsage removed = cache.clear(kind(body.get("type") instanceof String s ? s : null));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", removed.count());
        result.put("size_mb", removed.sizeMb());
        ctx.json(Map.of("status", "success", "result", result));
    }

    private void deleteItem(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        if (!(body.get("name") instanceof String name) || name.isBlank()) {
            throw new InvalidRequestException("missing_name", "name", "Missing file name");
        }
        boolean deleted = cache.delete(kind(body.get("type") instanceof String s ? s : null), name.trim());
        ctx.json(Map.of("status", "success", "result", Map.of("deleted", deleted)));
    }

    private void clearOnline(Context ctx) throws InterruptedException {
        Map<String, Object> body = ctx.body().isBlank() ? Map.of() : JsonCodec.parseObject(ctx.body());
        boolean async = Boolean.TRUE.equals(body.get("async"));
        boolean batch = body.containsKey("tokens");
        List<String> selected;
        if (batch) {
            if (!(body.get("tokens") instanceof List<?> list)) {
                throw new InvalidRequestException("invalid_type", "tokens", "tokens must be a list of tokens.");
            }
            List<String> raw = new ArrayList<>();
            list.forEach(item -> raw.add(String.valueOf(item)));
            selected = selection(null, String.join(",", raw));
            if (selected.isEmpty()) {
                throw new InvalidRequestException("missing", "tokens", "No tokens provided.");
            }
        } else if (body.get("token") instanceof String token && !token.isBlank()) {
            selected = selection(token, null);
        } else {
            selected = tokens
                    .list(new TokenQuery(
                            null, TokenStatus.ACTIVE, null, null, clock.instant(), TokenSort.CREATED_ASC, 0, 1))
                    .items()
                    .stream()
                    .map(GrokToken::token)
                    .toList();
            if (selected.isEmpty()) {
                throw new InvalidRequestException(
                        "no_token", "token", "No active account to clear; name one with {\"token\":…}.");
            }
        }
        Job job = counted(online.purge(selected, !async), async);
        if (!job.state().finished()) {
            started(ctx, job);
            return;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        for (JobItemResult result : job.results()) {
            Map<String, Object> counts = new LinkedHashMap<>();
            for (String key : List.of("total", "success", "failed")) {
                counts.put(key, result.details().getOrDefault(key, 0));
            }
            Map<String, Object> outcome = new LinkedHashMap<>();
            if (result.ok()) {
                outcome.put("status", "success");
                outcome.put("result", counts);
            } else {
                outcome.put("status", "error");
                outcome.put("error", result.error());
                outcome.put("result", counts);
            }
            results.put(result.item(), outcome);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "success");
        if (batch) {
            response.put("results", results);
        } else {
            Object only = results.values().iterator().next();
            Map<?, ?> outcome = (Map<?, ?>) only;
            if ("error".equals(outcome.get("status"))) {
                response.put("status", "error");
                response.put("error", outcome.get("error"));
            }
            response.put("result", outcome.get("result"));
        }
        response.put("job", JobViews.job(job));
        ctx.json(response);
    }

    private static MediaKind kind(String type) {
        if (type == null
                || type.isBlank()
                || type.trim().toLowerCase(Locale.ROOT).equals("image")) {
            return MediaKind.IMAGE;
        }
        if (type.trim().toLowerCase(Locale.ROOT).equals("video")) {
            return MediaKind.VIDEO;
        }
        throw new InvalidRequestException("invalid_type", "type", "type must be 'image' or 'video'.");
    }
}
