package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.lock.LockLease;
import dev.grok2api.core.secret.Secrets;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a Python reference installation's data directory into the stores: {@code token.json}, {@code config.toml},
 * the legacy {@code setting.toml} (mapped as service-spec §4.4 describes), {@code api_keys.json}, {@code
 * api_key_usage.json} and {@code stats.json}. Nothing the store already has is overwritten, so the import is
 * idempotent and safe after the new server has been used. Missing files are simply not imported; unreadable ones are
 * reported and the rest still imported.
 */
public final class ReferenceImport {
    /** Written into the data directory after an automatic import, so it runs on the first start only. */
    public static final String MARKER = ".reference-import.done";

    static final String[] FILES = {
        "token.json", "config.toml", "setting.toml", "api_keys.json", "api_key_usage.json", "stats.json"
    };

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceImport.class);

    private final Storage storage;
    private final InstantSource clock;
    private final ZoneId referenceZone;

    /**
     * @param referenceZone the zone the reference server ran in; its {@code stats.json} hours are local times
     */
    public ReferenceImport(Storage storage, InstantSource clock, ZoneId referenceZone) {
        this.storage = storage;
        this.clock = clock;
        this.referenceZone = referenceZone;
    }

    /**
     * On the first start with a reference data directory, imports it and leaves {@link #MARKER} so later starts skip
     * it. Takes the {@code reference_import} lock so only one of several instances on a shared store does the work.
     * Never fails the start: problems are logged.
     */
    public static void runOnFirstStart(Storage storage, Path dataDir, InstantSource clock) {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker) || !hasReferenceFiles(dataDir)) {
            return;
        }
        String owner = "start-" + ProcessHandle.current().pid() + "-" + clock.millis();
        Optional<LockLease> lease =
                storage.locks().tryAcquire("reference_import", owner, Duration.ofMinutes(10), clock.instant());
        if (lease.isEmpty()) {
            LOG.info("Another instance is importing the reference data directory; skipping it here.");
            return;
        }
        try {
            ImportReport report = new ReferenceImport(storage, clock, ZoneId.systemDefault()).run(dataDir);
            LOG.info("Imported the Python reference data in {}:\n{}", dataDir, report);
            if (report.problems().isEmpty()) {
                Files.writeString(marker, report + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "Importing the reference data in {} failed; it will be retried at the next start: {}",
                    dataDir,
                    e.getMessage());
        } finally {
            storage.locks().release("reference_import", owner);
        }
    }

    static boolean hasReferenceFiles(Path dir) {
        for (String name : FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Imports every reference file present in {@code dir}.
     *
     * @throws ConfigException when {@code dir} is not a directory
     */
    public ImportReport run(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + " is not a directory; pass the reference's data directory (the one with"
                    + " token.json and config.toml)");
        }
        ImportReport report = new ImportReport();
        attempt(dir.resolve("token.json"), report, () -> tokens(dir.resolve("token.json"), report));
        attempt(dir.resolve("config.toml"), report, () -> config(dir.resolve("config.toml"), report));
        attempt(dir.resolve("setting.toml"), report, () -> legacySettings(dir.resolve("setting.toml"), report));
        attempt(dir.resolve("api_keys.json"), report, () -> apiKeys(dir.resolve("api_keys.json"), report));
        attempt(dir.resolve("api_key_usage.json"), report, () -> usage(dir.resolve("api_key_usage.json"), report));
        attempt(dir.resolve("stats.json"), report, () -> stats(dir.resolve("stats.json"), report));
        return report;
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void attempt(Path file, ImportReport report, Step step) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            step.run();
        } catch (IOException | ConfigException | IllegalArgumentException | ClassCastException e) {
            report.problems.add(file.getFileName() + ": " + e.getMessage());
        }
    }

    // ---- token.json -----------------------------------------------------------------------------------------

    private void tokens(Path file, ImportReport report) throws IOException {
        List<GrokToken> tokens = new ArrayList<>();
        for (Map.Entry<?, ?> pool : JsonFiles.map(JsonFiles.read(file)).entrySet()) {
            Optional<TokenPool> target = TokenPool.fromWireName(String.valueOf(pool.getKey()));
            if (target.isEmpty()) {
                report.problems.add("token.json: pool '" + pool.getKey() + "' is not ssoBasic or ssoSuper; its "
                        + JsonFiles.list(pool.getValue()).size() + " tokens were not imported");
                continue;
            }
            for (Object item : JsonFiles.list(pool.getValue())) {
                token(item, target.get()).ifPresent(tokens::add);
            }
        }
        int inserted = storage.tokens().insertIfAbsent(tokens).size();
        report.tokensImported += inserted;
        report.tokensSkipped += tokens.size() - inserted;
    }

    private Optional<GrokToken> token(Object item, TokenPool pool) {
        Instant now = clock.instant();
        if (item instanceof String raw) {
            return raw.isBlank()
                    ? Optional.empty()
                    : Optional.of(GrokToken.newAccount(SsoCredential.parse(raw), pool, now));
        }
        Map<?, ?> record = JsonFiles.map(item);
        String raw = JsonFiles.text(record, "token", "");
        if (raw.isBlank()) {
            return Optional.empty();
        }
        SsoCredential credential = SsoCredential.parse(raw);
        Instant createdAt =
                Optional.ofNullable(JsonFiles.millis(record, "created_at")).orElse(now);
        String reason = JsonFiles.text(record, "last_fail_reason", null);
        Instant failedAt = JsonFiles.millis(record, "last_fail_at");
        TokenFailure failure = reason == null && failedAt == null
                ? null
                : new TokenFailure(
                        "reference_import", reason == null ? "" : reason, failedAt == null ? createdAt : failedAt);
        List<String> tags = new ArrayList<>();
        JsonFiles.list(record.get("tags")).forEach(tag -> tags.add(String.valueOf(tag)));
        return Optional.of(new GrokToken(
                credential.sso(),
                credential.ssoRw(),
                pool,
                TokenStatus.fromWireName(JsonFiles.text(record, "status", "active"))
                        .orElse(TokenStatus.ACTIVE),
                new Quota(quota(record, "quota", 80), Quota.UNKNOWN, 0),
                new Quota(quota(record, "heavy_quota", Quota.UNKNOWN), Quota.UNKNOWN, 0),
                (int) Math.max(0, JsonFiles.number(record, "use_count", 0)),
                (int) Math.max(0, JsonFiles.number(record, "fail_count", 0)),
                failure,
                null,
                tags,
                JsonFiles.text(record, "note", ""),
                createdAt,
                JsonFiles.millis(record, "last_used_at"),
                JsonFiles.millis(record, "last_sync_at"),
                JsonFiles.millis(record, "last_asset_clear_at")));
    }

    private static int quota(Map<?, ?> record, String key, int fallback) {
        long value = JsonFiles.number(record, key, fallback);
        return (int) Math.max(Quota.UNKNOWN, Math.min(Integer.MAX_VALUE, value));
    }

    // ---- config.toml and setting.toml -----------------------------------------------------------------------

    private void config(Path file, ImportReport report) {
        CarefulWrites.configKeys(storage.config(), ConfigLoader.readFile(file, ConfigLoader.defaults()), report);
    }

    private void legacySettings(Path file, ImportReport report) throws IOException {
        Map<String, Object> defaults = ConfigLoader.defaults();
        Map<String, Object> mapped = LegacySettings.map(Files.readString(file, StandardCharsets.UTF_8), defaults);
        CarefulWrites.configKeys(storage.config(), mapped, report);
    }

    // ---- api_keys.json and api_key_usage.json ---------------------------------------------------------------

    /** The id an imported key gets: stable, so re-imports and usage records find it. */
    static String importedKeyId(String rawKey) {
        return "key-" + ApiKey.hashOf(rawKey).substring(0, 16);
    }

    private void apiKeys(Path file, ImportReport report) throws IOException {
        for (Object item : JsonFiles.list(JsonFiles.read(file))) {
            Map<?, ?> record = JsonFiles.map(item);
            String raw = JsonFiles.text(record, "key", "");
            if (raw.isBlank()) {
                continue;
            }
            long createdSeconds =
                    JsonFiles.number(record, "created_at", clock.instant().getEpochSecond());
            ApiKey key = new ApiKey(
                    importedKeyId(raw),
                    ApiKey.hashOf(raw),
                    Secrets.mask(raw),
                    JsonFiles.text(record, "name", ""),
                    JsonFiles.flag(record, "is_active", true),
                    Instant.ofEpochSecond(createdSeconds),
                    null,
                    new DailyLimits(
                            limit(record, "chat_limit"),
                            limit(record, "heavy_limit"),
                            limit(record, "image_limit"),
                            limit(record, "video_limit")),
                    List.of(),
                    ApiKey.UNLIMITED,
                    ApiKey.UNLIMITED);
            if (storage.apiKeys().create(key)) {
                report.apiKeysImported++;
            } else {
                report.apiKeysSkipped++;
            }
        }
    }

    private static int limit(Map<?, ?> record, String key) {
        long value = JsonFiles.number(record, key, DailyLimits.UNLIMITED);
        return (int) Math.max(DailyLimits.UNLIMITED, Math.min(Integer.MAX_VALUE, value));
    }

    private void usage(Path file, ImportReport report) throws IOException {
        for (Map.Entry<?, ?> day : JsonFiles.map(JsonFiles.read(file)).entrySet()) {
            LocalDate date;
            try {
                date = LocalDate.parse(String.valueOf(day.getKey()));
            } catch (DateTimeParseException e) {
                report.problems.add("api_key_usage.json: '" + day.getKey() + "' is not a YYYY-MM-DD day");
                continue;
            }
            for (Map.Entry<?, ?> perKey : JsonFiles.map(day.getValue()).entrySet()) {
                Optional<ApiKey> key = storage.apiKeys().findByHash(ApiKey.hashOf(String.valueOf(perKey.getKey())));
                if (key.isEmpty()) {
                    report.usageSkipped++; // usage of a key that no longer exists
                    continue;
                }
                Map<?, ?> used = JsonFiles.map(perKey.getValue());
                DailyUsage imported = new DailyUsage(
                        key.get().id(),
                        date,
                        Math.max(0, JsonFiles.number(used, "chat_used", 0)),
                        Math.max(0, JsonFiles.number(used, "heavy_used", 0)),
                        Math.max(0, JsonFiles.number(used, "image_used", 0)),
                        Math.max(0, JsonFiles.number(used, "video_used", 0)));
                CarefulWrites.usage(storage.usage(), imported, clock.instant(), report);
            }
        }
    }

    // ---- stats.json -----------------------------------------------------------------------------------------

    private void stats(Path file, ImportReport report) throws IOException {
        Map<?, ?> root = JsonFiles.map(JsonFiles.read(file));
        List<HourlyStats> hours = new ArrayList<>();
        JsonFiles.map(root.get("hourly")).forEach((hour, counts) -> {
            try {
                Instant start =
                        LocalDateTime.parse(hour + ":00").atZone(referenceZone).toInstant();
                Map<?, ?> c = JsonFiles.map(counts);
                hours.add(new HourlyStats(start, JsonFiles.number(c, "success", 0), JsonFiles.number(c, "failed", 0)));
            } catch (DateTimeParseException e) {
                report.problems.add("stats.json: hour '" + hour + "' is not YYYY-MM-DDTHH");
            }
        });
        List<DailyStats> days = new ArrayList<>();
        JsonFiles.map(root.get("daily")).forEach((day, counts) -> {
            try {
                Map<?, ?> c = JsonFiles.map(counts);
                days.add(new DailyStats(
                        LocalDate.parse(String.valueOf(day)),
                        JsonFiles.number(c, "success", 0),
                        JsonFiles.number(c, "failed", 0)));
            } catch (DateTimeParseException e) {
                report.problems.add("stats.json: day '" + day + "' is not YYYY-MM-DD");
            }
        });
        List<ModelStats> models = new ArrayList<>();
        // the reference counts requests per model without telling outcomes apart: they are kept as successes
        JsonFiles.map(root.get("models"))
                .forEach((model, count) -> models.add(
                        new ModelStats(String.valueOf(model), count instanceof Number n ? n.longValue() : 0, 0)));
        CarefulWrites.stats(storage.stats(), hours, days, models, report);
    }
}
