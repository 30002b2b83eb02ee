package dev.grok2api.storage.redis;

import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.storage.ConfigKeys;
import dev.grok2api.core.storage.ConfigValueCodec;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ConfigStore} over a hash ({@code config}: {@code section.key} → JSON value, the reference's layout) and a
 * version counter. A merge writes the values, bumps the version and publishes it on the {@code config:changes}
 * channel in one script, so subscribed instances reload at once (see {@link RedisStorage#onConfigChange}).
 */
final class RedisConfigStore implements ConfigStore {
    private static final String MERGE = """
            for i = 1, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            local version = redis.call('INCR', KEYS[2])
            redis.call('PUBLISH', KEYS[3], version)
            return version
            """;

    private final RedisBackend redis;
    private final List<String> keys;

    RedisConfigStore(RedisBackend redis) {
        this.redis = redis;
        this.keys = List.of(redis.key("config"), redis.key("config:version"), changeChannel(redis));
    }

    static String changeChannel(RedisBackend redis) {
        return redis.key("config:changes");
    }

    @Override
    public Map<String, Object> load() {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> stored = redis.call(r -> r.hgetall(keys.get(0)));
        new TreeMap<String, String>(stored).forEach((key, json) -> values.put(key, ConfigValueCodec.decode(json)));
        return values;
    }

    @Override
    public long merge(Map<String, Object> values) {
        List<String> args = new ArrayList<>();
        values.forEach((key, value) -> {
            args.add(ConfigKeys.requireValid(key));
            args.add(ConfigValueCodec.encode(value));
        });
        Long version = redis.script(MERGE, ScriptOutputType.INTEGER, keys, args);
        return version;
    }

    @Override
    public long version() {
        String value = redis.call(r -> r.get(keys.get(1)));
        return value == null ? 0 : Long.parseLong(value);
    }
}
