package dev.grok2api.storage.redis;

import dev.grok2api.core.storage.TokenQueries;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.storage.TransitionTokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link dev.grok2api.core.port.TokenStore} over Redis. Records live in one hash ({@code tokens}: token → encoded record), a sorted set
 * ({@code tokens:created}, score = creation millis) pages the default admin view, and {@code tokens:changes} is the
 * change marker. Atomic updates are optimistic: read the record, apply {@link TokenTransitions}, and write it back
 * with a compare-and-set script that only succeeds if the record is still the one read; a lost race retries. The
 * script also scores the account in {@code tokens:updated} with the new marker, which {@link #changesSince} reads, and
 * so does the insert script; deletes record their marker in {@code tokens:structure} instead.
 */
final class RedisTokenStore extends TransitionTokenStore {
    private static final int BATCH_SIZE = 1_000;

    private static final String INSERT = """
            local inserted = {}
            for i = 1, #ARGV, 3 do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 2]) == 1 then
                redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i])
                inserted[#inserted + 1] = ARGV[i]
              end
            end
            if #inserted > 0 then
              local position = redis.call('INCR', KEYS[3])
              for _, name in ipairs(inserted) do redis.call('ZADD', KEYS[4], position, name) end
            end
            return inserted
            """;
    private static final String COMPARE_AND_SET = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[2]), ARGV[1])
              return 1
            end
            return 0
            """;
    // ARGV: token, expected record ('' = delete whatever is stored), ...
    private static final String DELETE = """
            local deleted = 0
            for i = 1, #ARGV, 2 do
              local current = redis.call('HGET', KEYS[1], ARGV[i])
              if current and (ARGV[i + 1] == '' or current == ARGV[i + 1]) then
                redis.call('HDEL', KEYS[1], ARGV[i])
                redis.call('ZREM', KEYS[2], ARGV[i])
                redis.call('ZREM', KEYS[5], ARGV[i])
                deleted = deleted + 1
              end
            end
            if deleted > 0 then redis.call('SET', KEYS[4], redis.call('INCR', KEYS[3])) end
            return deleted
            """;

    // ARGV: position, limit. Answers {marker, 1, record…} when complete, {marker, 0} when not.
    private static final String CHANGES_SINCE = """
            local marker = tonumber(redis.call('GET', KEYS[1]) or '0')
            local position = tonumber(ARGV[1])
            if tonumber(redis.call('GET', KEYS[2]) or '0') > position then return {marker, 0} end
            local limit = tonumber(ARGV[2])
            local names = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf', 'LIMIT', 0, limit + 1)
            if #names > limit then return {marker, 0} end
            local answer = {marker, 1}
            for _, name in ipairs(names) do
              answer[#answer + 1] = redis.call('HGET', KEYS[4], name)
            end
            return answer
            """;

    private final RedisBackend redis;
    private final String records;
    private final String created;
    private final String changes;
    private final String structure;
    private final String updates;

    RedisTokenStore(RedisBackend redis) {
        this.redis = redis;
        this.records = redis.key("tokens");
        this.created = redis.key("tokens:created");
        this.changes = redis.key("tokens:changes");
        this.structure = redis.key("tokens:structure");
        this.updates = redis.key("tokens:updated");
    }

    @Override
    public List<String> insertIfAbsent(Collection<GrokToken> tokens) {
        Map<String, GrokToken> unique = new LinkedHashMap<>();
        for (GrokToken token : tokens) {
            unique.putIfAbsent(token.token(), TokenTransitions.truncatedToMillis(token));
        }
        List<GrokToken> candidates = List.copyOf(unique.values());
        List<String> inserted = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += BATCH_SIZE) {
            List<String> args = new ArrayList<>();
            for (GrokToken t : candidates.subList(from, Math.min(from + BATCH_SIZE, candidates.size()))) {
                args.add(t.token());
                args.add(Long.toString(t.createdAt().toEpochMilli()));
                args.add(TokenCodec.encode(t));
            }
            List<Object> result =
                    redis.script(INSERT, ScriptOutputType.MULTI, List.of(records, created, changes, updates), args);
            result.forEach(token -> inserted.add(String.valueOf(token)));
        }
        return inserted;
    }

    @Override
    public Optional<GrokToken> find(String token) {
        return Optional.ofNullable(redis.call(r -> r.hget(records, token))).map(TokenCodec::decode);
    }

    @Override
    public List<GrokToken> listAll() {
        return redis.call(r -> r.hvals(records)).stream()
                .map(TokenCodec::decode)
                .toList();
    }

    @Override
    public TokenPage list(TokenQuery query) {
        boolean unfiltered =
                query.pool() == null && query.status() == null && query.tag() == null && query.text() == null;
        if (unfiltered && query.sort() == TokenSort.CREATED_ASC) {
            // The default admin view pages through the index instead of reading every record.
            long total = redis.call(r -> r.zcard(created));
            List<String> names =
                    redis.call(r -> r.zrange(created, query.offset(), (long) query.offset() + query.limit() - 1));
            if (names.isEmpty()) {
                return new TokenPage(List.of(), total);
            }
            List<GrokToken> items = redis.call(r -> r.hmget(records, names.toArray(String[]::new))).stream()
                    .filter(KeyValue::hasValue)
                    .map(kv -> TokenCodec.decode(kv.getValue()))
                    .toList();
            return new TokenPage(items, total);
        }
        return TokenQueries.page(listAll(), query);
    }

    @Override
    public TokenCounts counts(Instant now) {
        return TokenQueries.counts(listAll(), now);
    }

    @Override
    protected Optional<GrokToken> update(String token, UnaryOperator<GrokToken> transition) {
        while (true) {
            String current = redis.call(r -> r.hget(records, token));
            if (current == null) {
                return Optional.empty();
            }
            GrokToken before = TokenCodec.decode(current);
            GrokToken updated = transition.apply(before);
            if (updated.equals(before)) {
                return Optional.of(before);
            }
            Long swapped = redis.script(
                    COMPARE_AND_SET,
                    ScriptOutputType.INTEGER,
                    List.of(records, changes, updates),
                    List.of(token, current, TokenCodec.encode(updated)));
            if (swapped == 1L) {
                return Optional.of(updated);
            }
            // another writer changed the record between our read and write: apply the change to its version
        }
    }

    @Override
    public int delete(Collection<String> tokens) {
        List<String> args = new ArrayList<>();
        for (String token : new LinkedHashSet<>(tokens)) {
            args.add(token);
            args.add("");
        }
        return deleteBatches(args);
    }

    @Override
    public int deleteByStatus(TokenStatus status) {
        List<String> args = new ArrayList<>();
        redis.call(r -> r.hgetall(records)).forEach((token, encoded) -> {
            if (TokenCodec.decode(encoded).status() == status) {
                args.add(token);
                args.add(encoded);
            }
        });
        return deleteBatches(args);
    }

    private int deleteBatches(List<String> args) {
        int deleted = 0;
        for (int from = 0; from < args.size(); from += 2 * BATCH_SIZE) {
            List<String> batch = args.subList(from, Math.min(from + 2 * BATCH_SIZE, args.size()));
            Long count = redis.script(
                    DELETE, ScriptOutputType.INTEGER, List.of(records, created, changes, structure, updates), batch);
            deleted += count.intValue();
        }
        return deleted;
    }

    @Override
    public long changeMarker() {
        String value = redis.call(r -> r.get(changes));
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public TokenChanges changesSince(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        List<Object> answer = redis.script(
                CHANGES_SINCE,
                ScriptOutputType.MULTI,
                List.of(changes, structure, updates, records),
                List.of(Long.toString(position), Integer.toString(limit)));
        long marker = ((Number) answer.get(0)).longValue();
        if (((Number) answer.get(1)).longValue() == 0) {
            return TokenChanges.incomplete(marker);
        }
        List<GrokToken> changed = answer.subList(2, answer.size()).stream()
                .map(record -> TokenCodec.decode(String.valueOf(record)))
                .toList();
        return new TokenChanges(marker, changed, true);
    }
}
