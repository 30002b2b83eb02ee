package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes imports share, each of which never overwrites what the store already has: that is what makes an import
 * idempotent and safe to run against a store that was used since.
 */
final class CarefulWrites {
    private static final Instant STATS_FROM = Instant.EPOCH;
    private static final Instant STATS_TO = Instant.parse("9999-12-31T00:00:00Z");

    private CarefulWrites() {}

    /** Stores the config keys the store does not have yet. */
    static void configKeys(ConfigStore config, Map<String, Object> values, ImportReport report) {
        Map<String, Object> stored = config.load();
        Map<String, Object> missing = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (stored.containsKey(key)) {
                report.configKeysSkipped++;
            } else {
                missing.put(key, value);
            }
        });
        if (!missing.isEmpty()) {
            config.merge(missing);
            report.configKeysImported += missing.size();
        }
    }

    /** Stores a key's usage of a day unless the store already counted something for that key and day. */
    static void usage(UsageStore usage, DailyUsage imported, Instant now, ImportReport report) {
        DailyUsage current = usage.usage(imported.keyId(), imported.day());
        if (!current.equals(DailyUsage.zero(imported.keyId(), imported.day()))) {
            report.usageSkipped++;
            return;
        }
        List<UsageCharge> charges = new ArrayList<>();
        for (UsageBucket bucket : UsageBucket.values()) {
            long amount = imported.used(bucket);
            if (amount > 0) {
                charges.add(new UsageCharge(bucket, (int) Math.min(Integer.MAX_VALUE, amount), -1));
            }
        }
        if (charges.isEmpty()) {
            report.usageSkipped++;
            return;
        }
        usage.charge(imported.keyId(), imported.day(), charges, now);
        report.usageImported++;
    }

    /** Adds the counts only when the store has no statistics at all (counts cannot be merged idempotently). */
    static void stats(
            StatsStore stats,
            List<HourlyStats> hours,
            List<DailyStats> days,
            List<ModelStats> models,
            ImportReport report) {
        if (hours.isEmpty() && days.isEmpty() && models.isEmpty()) {
            return;
        }
        if (hasStats(stats)) {
            report.statsSkipped = true;
            return;
        }
        stats.addCounts(hours, days, models);
        report.statsBucketsImported += hours.size() + days.size() + models.size();
    }

    static boolean hasStats(StatsStore stats) {
        return !stats.topModels(1).isEmpty()
                || !stats.hourly(STATS_FROM, STATS_TO).isEmpty()
                || !stats.daily(LocalDate.EPOCH, LocalDate.of(9999, 12, 31)).isEmpty();
    }

    static List<HourlyStats> allHours(StatsStore stats) {
        return stats.hourly(STATS_FROM, STATS_TO);
    }

    static List<DailyStats> allDays(StatsStore stats) {
        return stats.daily(LocalDate.EPOCH, LocalDate.of(9999, 12, 31));
    }
}
