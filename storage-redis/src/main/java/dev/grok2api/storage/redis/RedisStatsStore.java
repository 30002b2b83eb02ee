package dev.grok2api.storage.redis;

import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link StatsStore} over counter hashes (success and failure per hour, day and model, incremented with {@code
 * HINCRBY}) and sorted sets of the hours and days present, for range reads and pruning.
 */
final class RedisStatsStore implements StatsStore {
    // KEYS: hourly ok/fail, daily ok/fail, model ok/fail, hours index, days index; ARGV: slot (1 ok, 2 fail), hour,
    // day, model
    private static final String RECORD = """
            local offset = tonumber(ARGV[1]) - 1
            redis.call('HINCRBY', KEYS[1 + offset], ARGV[2], 1)
            redis.call('HINCRBY', KEYS[3 + offset], ARGV[3], 1)
            redis.call('HINCRBY', KEYS[5 + offset], ARGV[4], 1)
            redis.call('ZADD', KEYS[7], ARGV[2], ARGV[2])
            redis.call('ZADD', KEYS[8], ARGV[3], ARGV[3])
            return 1
            """;
    // KEYS as RECORD; ARGV: kind (h, d or m), field, success, failed, ... in groups of four
    private static final String ADD = """
            for i = 1, #ARGV, 4 do
              local base = ARGV[i] == 'h' and 1 or (ARGV[i] == 'd' and 3 or 5)
              redis.call('HINCRBY', KEYS[base], ARGV[i + 1], ARGV[i + 2])
              redis.call('HINCRBY', KEYS[base + 1], ARGV[i + 1], ARGV[i + 3])
              if base < 5 then redis.call('ZADD', KEYS[base == 1 and 7 or 8], ARGV[i + 1], ARGV[i + 1]) end
            end
            return 1
            """;
    private static final String PRUNE = """
            local count = 0
            local hours = redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', '(' .. ARGV[1])
            for _, hour in ipairs(hours) do
              redis.call('HDEL', KEYS[1], hour); redis.call('HDEL', KEYS[2], hour); redis.call('ZREM', KEYS[7], hour)
            end
            local days = redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', '(' .. ARGV[2])
            for _, day in ipairs(days) do
              redis.call('HDEL', KEYS[3], day); redis.call('HDEL', KEYS[4], day); redis.call('ZREM', KEYS[8], day)
            end
            return #hours + #days
            """;

    private final RedisBackend redis;
    private final List<String> keys;

    RedisStatsStore(RedisBackend redis) {
        this.redis = redis;
        this.keys = List.of(
                redis.key("stats:hourly:ok"),
                redis.key("stats:hourly:fail"),
                redis.key("stats:daily:ok"),
                redis.key("stats:daily:fail"),
                redis.key("stats:models:ok"),
                redis.key("stats:models:fail"),
                redis.key("stats:hours"),
                redis.key("stats:days"));
    }

    @Override
    public void record(String model, boolean success, Instant at, LocalDate day) {
        String hour = Long.toString(at.truncatedTo(ChronoUnit.HOURS).toEpochMilli());
        redis.script(
                RECORD,
                ScriptOutputType.INTEGER,
                keys,
                List.of(success ? "1" : "2", hour, Long.toString(day.toEpochDay()), model));
    }

    @Override
    public void addCounts(List<HourlyStats> hours, List<DailyStats> days, List<ModelStats> models) {
        List<String> args = new ArrayList<>();
        hours.forEach(h -> addArgs(
                args,
                "h",
                Long.toString(h.hour().truncatedTo(ChronoUnit.HOURS).toEpochMilli()),
                h.success(),
                h.failed()));
        days.forEach(d -> addArgs(args, "d", Long.toString(d.day().toEpochDay()), d.success(), d.failed()));
        models.forEach(m -> addArgs(args, "m", m.model(), m.success(), m.failed()));
        for (int from = 0; from < args.size(); from += 4_000) {
            redis.script(ADD, ScriptOutputType.INTEGER, keys, args.subList(from, Math.min(from + 4_000, args.size())));
        }
    }

    private static void addArgs(List<String> args, String kind, String field, long success, long failed) {
        args.add(kind);
        args.add(field);
        args.add(Long.toString(success));
        args.add(Long.toString(failed));
    }

    @Override
    public List<HourlyStats> hourly(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        List<String> hours = redis.call(r -> r.zrangebyscore(
                keys.get(6),
                Range.from(
                        Range.Boundary.including(from.toEpochMilli()), Range.Boundary.excluding(to.toEpochMilli()))));
        List<long[]> counts = counts(0, hours);
        List<HourlyStats> out = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            out.add(new HourlyStats(
                    Instant.ofEpochMilli(Long.parseLong(hours.get(i))), counts.get(i)[0], counts.get(i)[1]));
        }
        return out;
    }

    @Override
    public List<DailyStats> daily(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return List.of();
        }
        List<String> days = redis.call(r -> r.zrangebyscore(
                keys.get(7),
                Range.from(Range.Boundary.including(from.toEpochDay()), Range.Boundary.including(to.toEpochDay()))));
        List<long[]> counts = counts(2, days);
        List<DailyStats> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            out.add(new DailyStats(
                    LocalDate.ofEpochDay(Long.parseLong(days.get(i))), counts.get(i)[0], counts.get(i)[1]));
        }
        return out;
    }

    /** Success and failure counts of the fields from the ok/fail hash pair starting at {@code first}. */
    private List<long[]> counts(int first, List<String> fields) {
        List<long[]> out = new ArrayList<>();
        if (fields.isEmpty()) {
            return out;
        }
        String[] names = fields.toArray(String[]::new);
        List<KeyValue<String, String>> ok = redis.call(r -> r.hmget(keys.get(first), names));
        List<KeyValue<String, String>> failed = redis.call(r -> r.hmget(keys.get(first + 1), names));
        for (int i = 0; i < names.length; i++) {
            out.add(new long[] {value(ok.get(i)), value(failed.get(i))});
        }
        return out;
    }

    private static long value(KeyValue<String, String> kv) {
        return kv.hasValue() ? Long.parseLong(kv.getValue()) : 0;
    }

    @Override
    public List<ModelStats> topModels(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Map<String, String> ok = redis.call(r -> r.hgetall(keys.get(4)));
        Map<String, String> failed = redis.call(r -> r.hgetall(keys.get(5)));
        TreeSet<String> models = new TreeSet<>(ok.keySet());
        models.addAll(failed.keySet());
        return models.stream()
                .map(m -> new ModelStats(
                        m, Long.parseLong(ok.getOrDefault(m, "0")), Long.parseLong(failed.getOrDefault(m, "0"))))
                .sorted(Comparator.comparingLong(ModelStats::total).reversed().thenComparing(ModelStats::model))
                .limit(limit)
                .toList();
    }

    @Override
    public int prune(Instant hoursBefore, LocalDate daysBefore) {
        Long pruned = redis.script(
                PRUNE,
                ScriptOutputType.INTEGER,
                keys,
                List.of(Long.toString(hoursBefore.toEpochMilli()), Long.toString(daysBefore.toEpochDay())));
        return pruned.intValue();
    }

    @Override
    public void clear() {
        redis.call(r -> r.del(keys.toArray(String[]::new)));
    }
}
