package dev.grok2api.storage.redis;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.storage.StoreArguments;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link UsageStore} over one hash ({@code usage}: {@code <epoch day>|<key id>} → {@code chat,heavy,image,video})
 * and a sorted set of its fields by day for pruning. Check-and-charge and refund each run as one Lua script, so they
 * are atomic across instances.
 */
final class RedisUsageStore implements UsageStore {
    // ARGV: field, day, mode ('charge' | 'refund'), then triples bucket(1..4), amount, limit.
    // Returns {charged (1/0), exceeded bucket (0 = none), chat, heavy, image, video}.
    private static final String APPLY = """
            local used = {0, 0, 0, 0}
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local i = 1
              for value in string.gmatch(current, '[^,]+') do used[i] = tonumber(value); i = i + 1 end
            end
            if ARGV[3] == 'charge' then
              for i = 4, #ARGV, 3 do
                local bucket = tonumber(ARGV[i])
                local limit = tonumber(ARGV[i + 2])
                if limit >= 0 and used[bucket] + tonumber(ARGV[i + 1]) > limit then
                  return {0, bucket, used[1], used[2], used[3], used[4]}
                end
              end
            end
            for i = 4, #ARGV, 3 do
              local bucket = tonumber(ARGV[i])
              if ARGV[3] == 'charge' then
                used[bucket] = used[bucket] + tonumber(ARGV[i + 1])
              else
                used[bucket] = math.max(0, used[bucket] - tonumber(ARGV[i + 1]))
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], string.format('%d,%d,%d,%d', used[1], used[2], used[3], used[4]))
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return {1, 0, used[1], used[2], used[3], used[4]}
            """;
    private static final String PRUNE = """
            local fields = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
            for _, field in ipairs(fields) do
              redis.call('HDEL', KEYS[1], field)
              redis.call('ZREM', KEYS[2], field)
            end
            return #fields
            """;
    private static final UsageBucket[] BUCKETS = UsageBucket.values();

    private final RedisBackend redis;
    private final List<String> keys;

    RedisUsageStore(RedisBackend redis) {
        this.redis = redis;
        this.keys = List.of(redis.key("usage"), redis.key("usage:by-day"));
    }

    private static String field(String keyId, LocalDate day) {
        return day.toEpochDay() + "|" + keyId;
    }

    @Override
    public ChargeResult charge(String keyId, LocalDate day, List<UsageCharge> charges, Instant now) {
        List<String> args = header(keyId, day, "charge");
        for (UsageCharge charge : StoreArguments.requireDistinctBuckets(charges)) {
            args.add(Integer.toString(charge.bucket().ordinal() + 1));
            args.add(Integer.toString(charge.amount()));
            args.add(Integer.toString(charge.limit()));
        }
        List<Long> result = redis.script(APPLY, ScriptOutputType.MULTI, keys, args);
        DailyUsage usage = usage(keyId, day, result);
        return result.get(0) == 1L
                ? new ChargeResult(true, null, usage)
                : new ChargeResult(false, BUCKETS[result.get(1).intValue() - 1], usage);
    }

    @Override
    public DailyUsage refund(String keyId, LocalDate day, Map<UsageBucket, Integer> amounts, Instant now) {
        List<String> args = header(keyId, day, "refund");
        amounts.forEach((bucket, amount) -> {
            args.add(Integer.toString(bucket.ordinal() + 1));
            args.add(Integer.toString(Math.max(0, amount)));
            args.add("-1");
        });
        List<Long> result = redis.script(APPLY, ScriptOutputType.MULTI, keys, args);
        return usage(keyId, day, result);
    }

    private static List<String> header(String keyId, LocalDate day, String mode) {
        List<String> args = new ArrayList<>();
        args.add(field(keyId, day));
        args.add(Long.toString(day.toEpochDay()));
        args.add(mode);
        return args;
    }

    private static DailyUsage usage(String keyId, LocalDate day, List<Long> result) {
        return new DailyUsage(keyId, day, result.get(2), result.get(3), result.get(4), result.get(5));
    }

    private static DailyUsage parse(String keyId, LocalDate day, String value) {
        if (value == null) {
            return DailyUsage.zero(keyId, day);
        }
        String[] parts = value.split(",");
        return new DailyUsage(
                keyId,
                day,
                Long.parseLong(parts[0]),
                Long.parseLong(parts[1]),
                Long.parseLong(parts[2]),
                Long.parseLong(parts[3]));
    }

    @Override
    public DailyUsage usage(String keyId, LocalDate day) {
        return parse(keyId, day, redis.call(r -> r.hget(keys.get(0), field(keyId, day))));
    }

    @Override
    public Map<String, DailyUsage> usageOn(LocalDate day, Collection<String> keyIds) {
        Map<String, DailyUsage> result = new LinkedHashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(keyIds));
        if (ids.isEmpty()) {
            return result;
        }
        String[] fields = ids.stream().map(id -> field(id, day)).toArray(String[]::new);
        List<KeyValue<String, String>> values = redis.call(r -> r.hmget(keys.get(0), fields));
        for (int i = 0; i < ids.size(); i++) {
            KeyValue<String, String> value = values.get(i);
            result.put(ids.get(i), parse(ids.get(i), day, value.hasValue() ? value.getValue() : null));
        }
        return result;
    }

    @Override
    public int pruneBefore(LocalDate day) {
        Long pruned = redis.script(PRUNE, ScriptOutputType.INTEGER, keys, List.of(Long.toString(day.toEpochDay())));
        return pruned.intValue();
    }
}
