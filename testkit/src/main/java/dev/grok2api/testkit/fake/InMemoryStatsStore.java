package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link StatsStore} in memory, faithful to the port's contract (it passes {@code StatsStoreContract}).
 * Thread-safe: every operation holds the store's monitor.
 */
public final class InMemoryStatsStore implements StatsStore {
    private final TreeMap<Instant, long[]> hours = new TreeMap<>();
    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
    private final Map<String, long[]> models = new HashMap<>();

    @Override
    public synchronized void record(String model, boolean success, Instant at, LocalDate day) {
        int slot = success ? 0 : 1;
        hours.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), h -> new long[2])[slot]++;
        days.computeIfAbsent(day, d -> new long[2])[slot]++;
        models.computeIfAbsent(model, m -> new long[2])[slot]++;
    }

    @Override
    public synchronized List<HourlyStats> hourly(Instant from, Instant to) {
        List<HourlyStats> out = new ArrayList<>();
        if (from.isBefore(to)) {
            hours.subMap(from, true, to, false).forEach((h, c) -> out.add(new HourlyStats(h, c[0], c[1])));
        }
        return out;
    }

    @Override
    public synchronized List<DailyStats> daily(LocalDate from, LocalDate to) {
        List<DailyStats> out = new ArrayList<>();
        if (!from.isAfter(to)) {
            days.subMap(from, true, to, true).forEach((d, c) -> out.add(new DailyStats(d, c[0], c[1])));
        }
        return out;
    }

    @Override
    public synchronized List<ModelStats> topModels(int limit) {
        return models.entrySet().stream()
                .map(e -> new ModelStats(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(ModelStats::total).reversed().thenComparing(ModelStats::model))
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized int prune(Instant hoursBefore, LocalDate daysBefore) {
        int removed = hours.headMap(hoursBefore, false).size()
                + days.headMap(daysBefore, false).size();
        hours.headMap(hoursBefore, false).clear();
        days.headMap(daysBefore, false).clear();
        return removed;
    }

    @Override
    public synchronized void clear() {
        hours.clear();
        days.clear();
        models.clear();
    }
}
