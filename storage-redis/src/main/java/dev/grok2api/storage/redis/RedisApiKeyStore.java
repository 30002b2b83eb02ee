package dev.grok2api.storage.redis;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.storage.ListQueries;
import dev.grok2api.core.storage.TokenTransitions;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ApiKeyStore} over a hash of records ({@code apikeys}: id → record) and a hash index ({@code
 * apikeys:by-hash}: key hash → id). Create and delete keep both in step in one script; edits are compare-and-set.
 * Listing filters in memory: deployments have hundreds of keys, not millions.
 */
final class RedisApiKeyStore implements ApiKeyStore {
    private static final String CREATE = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            return 1
            """;
    private static final String COMPARE_AND_SET = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              return 1
            end
            return 0
            """;
    private static final String DELETE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[3] then
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('HDEL', KEYS[2], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisBackend redis;
    private final List<String> keys;

    RedisApiKeyStore(RedisBackend redis) {
        this.redis = redis;
        this.keys = List.of(redis.key("apikeys"), redis.key("apikeys:by-hash"));
    }

    @Override
    public boolean create(ApiKey key) {
        Long created =
                redis.script(CREATE, ScriptOutputType.INTEGER, keys, List.of(key.id(), key.keyHash(), encode(key)));
        return created == 1L;
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(redis.call(r -> r.hget(keys.get(0), id))).map(RedisApiKeyStore::decode);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        String id = redis.call(r -> r.hget(keys.get(1), keyHash));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Optional<ApiKey> update(String id, ApiKeyEdit edit) {
        while (true) {
            String current = redis.call(r -> r.hget(keys.get(0), id));
            if (current == null) {
                return Optional.empty();
            }
            ApiKey updated = edit.applyTo(decode(current));
            Long swapped = redis.script(
                    COMPARE_AND_SET, ScriptOutputType.INTEGER, keys, List.of(id, current, encode(updated)));
            if (swapped == 1L) {
                return Optional.of(decode(encode(updated)));
            }
        }
    }

    @Override
    public boolean delete(String id) {
        while (true) {
            String current = redis.call(r -> r.hget(keys.get(0), id));
            if (current == null) {
                return false;
            }
            Long deleted = redis.script(
                    DELETE,
                    ScriptOutputType.INTEGER,
                    keys,
                    List.of(id, decode(current).keyHash(), current));
            if (deleted == 1L) {
                return true;
            }
        }
    }

    @Override
    public ApiKeyPage list(ApiKeyQuery query) {
        List<ApiKey> all = redis.call(r -> r.hvals(keys.get(0))).stream()
                .map(RedisApiKeyStore::decode)
                .toList();
        return ListQueries.page(all, query);
    }

    private static String encode(ApiKey k) {
        return new Fields.Writer()
                .text(k.id())
                .text(k.keyHash())
                .text(k.mask())
                .text(k.name())
                .flag(k.enabled())
                .number(k.createdAt().toEpochMilli())
                .optionalInstant(k.expiresAt())
                .number(k.limits().chat())
                .number(k.limits().heavy())
                .number(k.limits().image())
                .number(k.limits().video())
                .strings(k.allowedModels())
                .number(k.requestsPerMinute())
                .number(k.maxConcurrency())
                .encode();
    }

    private static ApiKey decode(String encoded) {
        Fields.Reader r = new Fields.Reader(encoded);
        return new ApiKey(
                r.text(),
                r.text(),
                r.text(),
                r.text(),
                r.flag(),
                Instant.ofEpochMilli(r.number()),
                TokenTransitions.millis(r.optionalInstant()),
                new DailyLimits(r.integer(), r.integer(), r.integer(), r.integer()),
                r.strings(),
                r.integer(),
                r.integer());
    }
}
