package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.service.MaintenanceService;
import dev.grok2api.core.service.StatsService;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.stats.RequestStatsReport;
import dev.grok2api.core.token.TokenCounts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The data center under {@code /api/v1/admin} (behind the admin session check).
 *
 * <ul>
 *   <li>{@code GET /metrics} ({@code hours} 1..48, default 24; {@code days} 1..30, default 7) → {@code
 *       {"tokens":{…},"cache":{…},"request_stats":{"hourly","daily","models","summary"}}} in the reference's shape;
 *       the summary covers the hours shown
 *   <li>{@code GET /request-logs} ({@code page}, {@code page_size} ≤ 1000, {@code status}, {@code success}, {@code
 *       model}, {@code key_name}) → {@code {"items":[…],"total","page","page_size"}}, newest first
 *   <li>{@code POST /request-logs/clear} → {@code {"status":"success","deleted":n}}
 * </ul>
 */
public final class StatsRoutes {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd");

    private final StatsService stats;
    private final Supplier<Map<String, Object>> mediaCache;

    /**
     * @param mediaCache the media cache's {@code {"local_image":{"count","size_mb"},"local_video":{…}}}
     */
    public StatsRoutes(StatsService stats, Supplier<Map<String, Object>> mediaCache) {
        this.stats = stats;
        this.mediaCache = mediaCache;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(AdminAuthRoutes.PREFIX + "/metrics", this::metrics);
        routes.get(AdminAuthRoutes.PREFIX + "/request-logs", this::requestLogs);
        routes.post(
                AdminAuthRoutes.PREFIX + "/request-logs/clear",
                ctx -> ctx.json(Map.of("status", "success", "deleted", stats.clearRequestLog())));
    }

    private void metrics(Context ctx) {
        int hours = Math.clamp(Fields.intParam(ctx, "hours", 24), 1, MaintenanceService.HOURLY_RETENTION_HOURS);
        int days = Math.clamp(Fields.intParam(ctx, "days", 7), 1, MaintenanceService.DAILY_RETENTION_DAYS);
        TokenCounts counts = stats.tokenCounts();
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("total", counts.total());
        tokens.put("active", counts.active());
        tokens.put("cooling", counts.cooling());
        tokens.put("expired", counts.invalid());
        tokens.put("disabled", counts.disabled());
        tokens.put("chat_quota", counts.remainingQuota());
        tokens.put("image_quota", counts.remainingQuota() / 2);
        tokens.put("heavy_quota", counts.remainingHeavyQuota());
        tokens.put("total_calls", counts.useCount());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tokens", tokens);
        body.put("cache", mediaCache.get());
        body.put("request_stats", requestStats(stats.report(hours, days)));
        ctx.json(body);
    }

    private static Map<String, Object> requestStats(RequestStatsReport report) {
        List<Object> hourly = new ArrayList<>();
        for (HourlyStats hour : report.hourly()) {
            var local = hour.hour().atOffset(report.zone());
            Map<String, Object> entry = counts(hour.success(), hour.failed());
            entry.put("hour", HOUR.format(local));
            entry.put("date", DATE.format(local));
            hourly.add(entry);
        }
        List<Object> daily = new ArrayList<>();
        for (DailyStats day : report.daily()) {
            Map<String, Object> entry = counts(day.success(), day.failed());
            entry.put("date", DATE.format(day.day()));
            daily.add(entry);
        }
        List<Object> models = new ArrayList<>();
        for (ModelStats model : report.models()) {
            models.add(Map.of("model", model.model(), "count", model.total()));
        }
        Map<String, Object> summary = counts(report.success(), report.failed());
        summary.put("success_rate", report.successRate());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hourly", hourly);
        out.put("daily", daily);
        out.put("models", models);
        out.put("summary", summary);
        return out;
    }

    private static Map<String, Object> counts(long success, long failed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("total", success + failed);
        entry.put("success", success);
        entry.put("failed", failed);
        return entry;
    }

    private void requestLogs(Context ctx) {
        int page = Math.max(1, Fields.intParam(ctx, "page", 1));
        int pageSize = Math.clamp(Fields.intParam(ctx, "page_size", 50), 1, RequestLogQuery.MAX_LIMIT);
        String status = ctx.queryParam("status");
        String success = ctx.queryParam("success");
        RequestLogPage logPage = stats.requestLog(new RequestLogQuery(
                status == null || status.isBlank() ? null : Fields.intParam(ctx, "status", 0),
                success == null || success.isBlank() ? null : Boolean.parseBoolean(success.trim()),
                blankToNull(ctx.queryParam("model")),
                blankToNull(ctx.queryParam("key_name")),
                (page - 1) * pageSize,
                pageSize));
        List<Object> items = new ArrayList<>();
        for (LoggedRequest row : logPage.items()) {
            RequestLogEntry entry = row.entry();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", row.id());
            item.put("time", entry.at().toEpochMilli());
            item.put("ip", entry.clientIp());
            item.put("key_name", entry.keyName());
            item.put("model", entry.model());
            item.put("status", entry.status());
            item.put("duration_ms", entry.durationMs());
            item.put("first_byte_ms", entry.firstByteMs() < 0 ? null : entry.firstByteMs());
            item.put("token_suffix", entry.tokenSuffix());
            item.put("error", entry.errorCode());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", logPage.total());
        body.put("page", page);
        body.put("page_size", pageSize);
        ctx.json(body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
