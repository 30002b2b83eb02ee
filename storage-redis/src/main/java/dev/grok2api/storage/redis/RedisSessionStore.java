package dev.grok2api.storage.redis;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.port.SessionStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionStore} over a hash ({@code sessions}: token hash → record) and a sorted set by expiry ({@code
 * sessions:expiry}) that purging walks. Expiry is judged against the caller's {@code now}, not Redis TTLs, so every
 * backend expires sessions alike.
 */
final class RedisSessionStore implements SessionStore {
    private static final String CREATE = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            return 1
            """;
    private static final String DELETE = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            return redis.call('HDEL', KEYS[1], ARGV[1])
            """;
    private static final String DELETE_ALL = """
            local count = redis.call('HLEN', KEYS[1])
            redis.call('DEL', KEYS[1], KEYS[2])
            return count
            """;
    private static final String PURGE = """
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            for _, hash in ipairs(expired) do
              redis.call('HDEL', KEYS[1], hash)
              redis.call('ZREM', KEYS[2], hash)
            end
            return #expired
            """;

    private final RedisBackend redis;
    private final List<String> keys;

    RedisSessionStore(RedisBackend redis) {
        this.redis = redis;
        this.keys = List.of(redis.key("sessions"), redis.key("sessions:expiry"));
    }

    @Override
    public void create(AdminSession session) {
        String record = new Fields.Writer()
                .text(session.username())
                .number(session.createdAt().toEpochMilli())
                .number(session.expiresAt().toEpochMilli())
                .encode();
        redis.script(
                CREATE,
                ScriptOutputType.INTEGER,
                keys,
                List.of(
                        session.tokenHash(),
                        record,
                        Long.toString(session.expiresAt().toEpochMilli())));
    }

    @Override
    public Optional<AdminSession> find(String tokenHash, Instant now) {
        String record = redis.call(r -> r.hget(keys.get(0), tokenHash));
        if (record == null) {
            return Optional.empty();
        }
        Fields.Reader r = new Fields.Reader(record);
        AdminSession session = new AdminSession(
                tokenHash, r.text(), Instant.ofEpochMilli(r.number()), Instant.ofEpochMilli(r.number()));
        return session.validAt(now) ? Optional.of(session) : Optional.empty();
    }

    @Override
    public boolean delete(String tokenHash) {
        Long deleted = redis.script(DELETE, ScriptOutputType.INTEGER, keys, List.of(tokenHash));
        return deleted > 0;
    }

    @Override
    public int deleteAll() {
        Long count = redis.script(DELETE_ALL, ScriptOutputType.INTEGER, keys, List.of());
        return count.intValue();
    }

    @Override
    public int purgeExpired(Instant now) {
        // valid means expiresAt > now, so everything with expiresAt <= now goes
        Long count = redis.script(PURGE, ScriptOutputType.INTEGER, keys, List.of(Long.toString(now.toEpochMilli())));
        return count.intValue();
    }
}
