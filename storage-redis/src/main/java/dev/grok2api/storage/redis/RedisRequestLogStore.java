package dev.grok2api.storage.redis;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.storage.ListQueries;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RequestLogStore} over a hash of rows ({@code logs}: id → row) and sorted sets by time: one over all rows
 * and one per status, model, key name and outcome. Members are zero-padded ids, so equal times order by id. A query
 * with one filter pages straight from that filter's set; more filters read the narrowest set and filter the rest in
 * memory.
 */
final class RedisRequestLogStore implements RequestLogStore {
    private static final String ID_FORMAT = "%019d";

    // KEYS: rows, sequence, index registry, then the indexes; ARGV: score, row
    private static final String APPEND = """
            local id = redis.call('INCR', KEYS[2])
            local member = string.format('%019d', id)
            redis.call('HSET', KEYS[1], member, ARGV[2])
            for i = 4, #KEYS do
              redis.call('ZADD', KEYS[i], ARGV[1], member)
              redis.call('SADD', KEYS[3], KEYS[i])
            end
            return id
            """;
    // KEYS: rows, index registry; ARGV: the indexes of every row to remove, as member, count, index...
    private static final String REMOVE = """
            local removed = 0
            local i = 1
            while i <= #ARGV do
              local member = ARGV[i]
              local count = tonumber(ARGV[i + 1])
              removed = removed + redis.call('HDEL', KEYS[1], member)
              for j = 1, count do redis.call('ZREM', ARGV[i + 1 + j], member) end
              i = i + 2 + count
            end
            return removed
            """;
    private static final String CLEAR = """
            local count = redis.call('HLEN', KEYS[1])
            local indexes = redis.call('SMEMBERS', KEYS[2])
            for _, index in ipairs(indexes) do redis.call('DEL', index) end
            redis.call('DEL', KEYS[1], KEYS[2])
            return count
            """;

    private final RedisBackend redis;
    private final String rows;
    private final String sequence;
    private final String registry;

    RedisRequestLogStore(RedisBackend redis) {
        this.redis = redis;
        this.rows = redis.key("logs");
        this.sequence = redis.key("logs:seq");
        this.registry = redis.key("logs:indexes");
    }

    private String all() {
        return redis.key("logs:by-time");
    }

    private String byStatus(int status) {
        return redis.key("logs:status:" + status);
    }

    private String byModel(String model) {
        return redis.key("logs:model:" + model);
    }

    private String byKey(String keyName) {
        return redis.key("logs:key:" + keyName);
    }

    private String byOutcome(boolean success) {
        return redis.key(success ? "logs:ok" : "logs:failed");
    }

    private List<String> indexesOf(RequestLogEntry e) {
        return List.of(all(), byStatus(e.status()), byModel(e.model()), byKey(e.keyName()), byOutcome(e.success()));
    }

    @Override
    public long append(RequestLogEntry e) {
        List<String> keys = new ArrayList<>(List.of(rows, sequence, registry));
        keys.addAll(indexesOf(e));
        Long id = redis.script(
                APPEND, ScriptOutputType.INTEGER, keys, List.of(Long.toString(e.at().toEpochMilli()), encode(e)));
        return id;
    }

    @Override
    public RequestLogPage list(RequestLogQuery query) {
        int filters = (query.status() != null ? 1 : 0)
                + (query.success() != null ? 1 : 0)
                + (query.model() != null ? 1 : 0)
                + (query.keyName() != null ? 1 : 0);
        String index = query.status() != null
                ? byStatus(query.status())
                : query.keyName() != null
                        ? byKey(query.keyName())
                        : query.model() != null
                                ? byModel(query.model())
                                : query.success() != null ? byOutcome(query.success()) : all();
        if (filters <= 1) {
            long total = redis.call(r -> r.zcard(index));
            List<String> members =
                    redis.call(r -> r.zrevrange(index, query.offset(), (long) query.offset() + query.limit() - 1));
            return new RequestLogPage(load(members), total);
        }
        return ListQueries.page(load(redis.call(r -> r.zrevrange(index, 0, -1))), query);
    }

    private List<LoggedRequest> load(List<String> members) {
        List<LoggedRequest> out = new ArrayList<>();
        if (members.isEmpty()) {
            return out;
        }
        List<KeyValue<String, String>> values = redis.call(r -> r.hmget(rows, members.toArray(String[]::new)));
        for (KeyValue<String, String> kv : values) {
            if (kv.hasValue()) {
                out.add(new LoggedRequest(Long.parseLong(kv.getKey()), decode(kv.getValue())));
            }
        }
        return out;
    }

    @Override
    public int clear() {
        Long count = redis.script(CLEAR, ScriptOutputType.INTEGER, List.of(rows, registry), List.of());
        return count.intValue();
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        List<String> members = redis.call(r -> r.zrangebyscore(
                all(), Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(cutoff.toEpochMilli()))));
        int removed = 0;
        for (int from = 0; from < members.size(); from += 500) {
            List<String> args = new ArrayList<>();
            for (LoggedRequest row : load(members.subList(from, Math.min(from + 500, members.size())))) {
                List<String> indexes = indexesOf(row.entry());
                args.add(String.format(ID_FORMAT, row.id()));
                args.add(Integer.toString(indexes.size()));
                args.addAll(indexes);
            }
            Long count = redis.script(REMOVE, ScriptOutputType.INTEGER, List.of(rows, registry), args);
            removed += count.intValue();
        }
        return removed;
    }

    private static String encode(RequestLogEntry e) {
        return new Fields.Writer()
                .number(e.at().toEpochMilli())
                .text(e.clientIp())
                .text(e.keyName())
                .text(e.model())
                .number(e.status())
                .number(e.durationMs())
                .number(e.firstByteMs())
                .text(e.tokenSuffix())
                .text(e.errorCode())
                .encode();
    }

    private static RequestLogEntry decode(String encoded) {
        Fields.Reader r = new Fields.Reader(encoded);
        return new RequestLogEntry(
                Instant.ofEpochMilli(r.number()),
                r.text(),
                r.text(),
                r.text(),
                r.integer(),
                r.number(),
                r.number(),
                r.text(),
                r.text());
    }
}
