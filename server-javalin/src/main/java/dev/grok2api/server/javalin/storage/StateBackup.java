package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.server.javalin.config.ConfigException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one backend as one JSON document, to move between backends (SQLite → PostgreSQL, → Redis) or
 * to keep as a backup: tokens, stored config, API keys (hashes only), the last {@value #USAGE_DAYS} days of usage,
 * statistics and the request log. Admin sessions are left out (they expire and re-login is cheap). The document
 * holds the raw Grok tokens: treat the file as a secret.
 *
 * <p>Restoring follows the import rule: records the target already has are kept, so restoring twice is harmless.
 */
public final class StateBackup {
    /** Value of the document's {@code format} field. */
    public static final String FORMAT = "grok2api-state";
    /** Days of per-key usage exported (quotas are daily; older days only matter for history). */
    static final int USAGE_DAYS = 31;

    private static final int PAGE = 1_000;

    private final Storage storage;
    private final InstantSource clock;

    public StateBackup(Storage storage, InstantSource clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** The state as a plain JSON tree (maps, lists, strings, numbers, booleans, null). */
    public Map<String, Object> export() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", 1);
        doc.put("exportedAt", clock.instant().toString());
        doc.put(
                "tokens",
                storage.tokens().listAll().stream().map(StateBackup::token).toList());
        doc.put("config", storage.config().load());
        List<ApiKey> keys = allKeys();
        doc.put("apiKeys", keys.stream().map(StateBackup::apiKey).toList());
        doc.put("usage", usage(keys));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put(
                "hourly",
                CarefulWrites.allHours(storage.stats()).stream()
                        .map(h -> counts("hour", h.hour().toString(), h.success(), h.failed()))
                        .toList());
        stats.put(
                "daily",
                CarefulWrites.allDays(storage.stats()).stream()
                        .map(d -> counts("day", d.day().toString(), d.success(), d.failed()))
                        .toList());
        stats.put(
                "models",
                storage.stats().topModels(Integer.MAX_VALUE).stream()
                        .map(m -> counts("model", m.model(), m.success(), m.failed()))
                        .toList());
        doc.put("stats", stats);
        doc.put("requestLogs", requestLogs());
        return doc;
    }

    private List<ApiKey> allKeys() {
        List<ApiKey> keys = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            ApiKeyPage page = storage.apiKeys().list(new ApiKeyQuery(null, null, offset, PAGE));
            keys.addAll(page.items());
            if (page.items().size() < PAGE) {
                return keys;
            }
        }
    }

    private List<Map<String, Object>> usage(List<ApiKey> keys) {
        List<String> ids = keys.stream().map(ApiKey::id).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(USAGE_DAYS); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
            for (DailyUsage u : storage.usage().usageOn(day, ids).values()) {
                if (!u.equals(DailyUsage.zero(u.keyId(), u.day()))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("keyId", u.keyId());
                    row.put("day", u.day().toString());
                    row.put("chat", u.chat());
                    row.put("heavy", u.heavy());
                    row.put("image", u.image());
                    row.put("video", u.video());
                    out.add(row);
                }
            }
        }
        return out;
    }

    private List<Map<String, Object>> requestLogs() {
        List<LoggedRequest> rows = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            RequestLogPage page = storage.requestLogs().list(new RequestLogQuery(null, null, null, null, offset, PAGE));
            rows.addAll(page.items());
            if (page.items().size() < PAGE) {
                break;
            }
        }
        // oldest first, so a restore appends them in their original order
        return rows.reversed().stream().map(r -> logRow(r.entry())).toList();
    }

    /**
     * Restores a document produced by {@link #export} into this storage.
     *
     * @throws ConfigException when the document is not a grok2api state export
     */
    public ImportReport restore(Object document) {
        Map<?, ?> doc = JsonFiles.map(document);
        if (!FORMAT.equals(doc.get("format"))) {
            throw new ConfigException("not a grok2api state export (its \"format\" is not \"" + FORMAT
                    + "\"); for a Python reference data directory use import-reference");
        }
        ImportReport report = new ImportReport();
        List<GrokToken> tokens = JsonFiles.list(doc.get("tokens")).stream()
                .map(t -> token(JsonFiles.map(t)))
                .toList();
        int inserted = storage.tokens().insertIfAbsent(tokens).size();
        report.tokensImported += inserted;
        report.tokensSkipped += tokens.size() - inserted;

        Map<String, Object> config = new LinkedHashMap<>();
        JsonFiles.map(doc.get("config")).forEach((k, v) -> config.put(String.valueOf(k), configValue(v)));
        CarefulWrites.configKeys(storage.config(), config, report);

        for (Object item : JsonFiles.list(doc.get("apiKeys"))) {
            if (storage.apiKeys().create(apiKey(JsonFiles.map(item)))) {
                report.apiKeysImported++;
            } else {
                report.apiKeysSkipped++;
            }
        }
        for (Object item : JsonFiles.list(doc.get("usage"))) {
            Map<?, ?> u = JsonFiles.map(item);
            CarefulWrites.usage(
                    storage.usage(),
                    new DailyUsage(
                            JsonFiles.text(u, "keyId", ""),
                            LocalDate.parse(JsonFiles.text(u, "day", "")),
                            JsonFiles.number(u, "chat", 0),
                            JsonFiles.number(u, "heavy", 0),
                            JsonFiles.number(u, "image", 0),
                            JsonFiles.number(u, "video", 0)),
                    clock.instant(),
                    report);
        }
        Map<?, ?> stats = JsonFiles.map(doc.get("stats"));
        CarefulWrites.stats(
                storage.stats(),
                JsonFiles.list(stats.get("hourly")).stream()
                        .map(JsonFiles::map)
                        .map(h -> new HourlyStats(
                                Instant.parse(JsonFiles.text(h, "hour", "")),
                                JsonFiles.number(h, "success", 0),
                                JsonFiles.number(h, "failed", 0)))
                        .toList(),
                JsonFiles.list(stats.get("daily")).stream()
                        .map(JsonFiles::map)
                        .map(d -> new DailyStats(
                                LocalDate.parse(JsonFiles.text(d, "day", "")),
                                JsonFiles.number(d, "success", 0),
                                JsonFiles.number(d, "failed", 0)))
                        .toList(),
                JsonFiles.list(stats.get("models")).stream()
                        .map(JsonFiles::map)
                        .map(m -> new ModelStats(
                                JsonFiles.text(m, "model", ""),
                                JsonFiles.number(m, "success", 0),
                                JsonFiles.number(m, "failed", 0)))
                        .toList(),
                report);
        List<?> logs = JsonFiles.list(doc.get("requestLogs"));
        if (!logs.isEmpty()
                && storage.requestLogs().list(RequestLogQuery.newest(1)).total() == 0) {
            for (Object row : logs) {
                storage.requestLogs().append(logEntry(JsonFiles.map(row)));
                report.requestLogsImported++;
            }
        }
        return report;
    }

    /** JSON numbers arrive as doubles; whole ones were longs in the store. */
    private static Object configValue(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StateBackup::configValue).toList();
        }
        return value;
    }

    private static Map<String, Object> counts(String keyName, String key, long success, long failed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(keyName, key);
        row.put("success", success);
        row.put("failed", failed);
        return row;
    }

    private static Map<String, Object> token(GrokToken t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("token", t.token());
        row.put("ssoRw", t.ssoRw());
        row.put("pool", t.pool().wireName());
        row.put("status", t.status().wireName());
        row.put("quota", quota(t.quota()));
        row.put("heavyQuota", quota(t.heavyQuota()));
        row.put("useCount", t.useCount());
        row.put("failCount", t.failCount());
        TokenFailure f = t.lastFailure();
        row.put(
                "lastFailure",
                f == null ? null : Map.of("code", f.code(), "message", f.message(), "at", f.at().toString()));
        row.put("cooldownUntil", text(t.cooldownUntil()));
        row.put("tags", t.tags());
        row.put("note", t.note());
        row.put("createdAt", t.createdAt().toString());
        row.put("lastUsedAt", text(t.lastUsedAt()));
        row.put("lastSyncAt", text(t.lastSyncAt()));
        row.put("lastAssetClearAt", text(t.lastAssetClearAt()));
        return row;
    }

    private static GrokToken token(Map<?, ?> row) {
        Map<?, ?> failure = JsonFiles.map(row.get("lastFailure"));
        List<String> tags = new ArrayList<>();
        JsonFiles.list(row.get("tags")).forEach(tag -> tags.add(String.valueOf(tag)));
        return new GrokToken(
                JsonFiles.text(row, "token", ""),
                JsonFiles.text(row, "ssoRw", null),
                TokenPool.fromWireName(JsonFiles.text(row, "pool", "ssoBasic")).orElse(TokenPool.BASIC),
                TokenStatus.fromWireName(JsonFiles.text(row, "status", "active"))
                        .orElse(TokenStatus.ACTIVE),
                quota(JsonFiles.map(row.get("quota"))),
                quota(JsonFiles.map(row.get("heavyQuota"))),
                (int) JsonFiles.number(row, "useCount", 0),
                (int) JsonFiles.number(row, "failCount", 0),
                failure.isEmpty()
                        ? null
                        : new TokenFailure(
                                JsonFiles.text(failure, "code", ""),
                                JsonFiles.text(failure, "message", ""),
                                instant(failure, "at")),
                instant(row, "cooldownUntil"),
                tags,
                JsonFiles.text(row, "note", ""),
                instant(row, "createdAt"),
                instant(row, "lastUsedAt"),
                instant(row, "lastSyncAt"),
                instant(row, "lastAssetClearAt"));
    }

    private static Map<String, Object> quota(Quota q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("remaining", q.remaining());
        row.put("total", q.total());
        row.put("windowSeconds", q.windowSeconds());
        return row;
    }

    private static Quota quota(Map<?, ?> row) {
        return new Quota(
                (int) JsonFiles.number(row, "remaining", Quota.UNKNOWN),
                (int) JsonFiles.number(row, "total", Quota.UNKNOWN),
                JsonFiles.number(row, "windowSeconds", 0));
    }

    private static Map<String, Object> apiKey(ApiKey k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", k.id());
        row.put("keyHash", k.keyHash());
        row.put("mask", k.mask());
        row.put("name", k.name());
        row.put("enabled", k.enabled());
        row.put("createdAt", k.createdAt().toString());
        row.put("expiresAt", text(k.expiresAt()));
        row.put(
                "limits",
                Map.of(
                        "chat", k.limits().chat(),
                        "heavy", k.limits().heavy(),
                        "image", k.limits().image(),
                        "video", k.limits().video()));
        row.put("allowedModels", k.allowedModels());
        row.put("requestsPerMinute", k.requestsPerMinute());
        row.put("maxConcurrency", k.maxConcurrency());
        return row;
    }

    private static ApiKey apiKey(Map<?, ?> row) {
        Map<?, ?> limits = JsonFiles.map(row.get("limits"));
        List<String> models = new ArrayList<>();
        JsonFiles.list(row.get("allowedModels")).forEach(m -> models.add(String.valueOf(m)));
        return new ApiKey(
                JsonFiles.text(row, "id", ""),
                JsonFiles.text(row, "keyHash", ""),
                JsonFiles.text(row, "mask", ""),
                JsonFiles.text(row, "name", ""),
                JsonFiles.flag(row, "enabled", true),
                instant(row, "createdAt"),
                instant(row, "expiresAt"),
                new DailyLimits(
                        (int) JsonFiles.number(limits, "chat", -1),
                        (int) JsonFiles.number(limits, "heavy", -1),
                        (int) JsonFiles.number(limits, "image", -1),
                        (int) JsonFiles.number(limits, "video", -1)),
                models,
                (int) JsonFiles.number(row, "requestsPerMinute", -1),
                (int) JsonFiles.number(row, "maxConcurrency", -1));
    }

    private static Map<String, Object> logRow(RequestLogEntry e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", e.at().toString());
        row.put("clientIp", e.clientIp());
        row.put("keyName", e.keyName());
        row.put("model", e.model());
        row.put("status", e.status());
        row.put("durationMs", e.durationMs());
        row.put("firstByteMs", e.firstByteMs());
        row.put("tokenSuffix", e.tokenSuffix());
        row.put("errorCode", e.errorCode());
        return row;
    }

    private static RequestLogEntry logEntry(Map<?, ?> row) {
        return new RequestLogEntry(
                instant(row, "at"),
                JsonFiles.text(row, "clientIp", ""),
                JsonFiles.text(row, "keyName", ""),
                JsonFiles.text(row, "model", ""),
                (int) JsonFiles.number(row, "status", 0),
                JsonFiles.number(row, "durationMs", 0),
                JsonFiles.number(row, "firstByteMs", -1),
                JsonFiles.text(row, "tokenSuffix", ""),
                JsonFiles.text(row, "errorCode", ""));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Map<?, ?> row, String key) {
        String value = JsonFiles.text(row, key, null);
        return value == null ? null : Instant.parse(value);
    }
}
