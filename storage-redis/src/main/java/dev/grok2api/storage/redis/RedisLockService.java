package dev.grok2api.storage.redis;

import dev.grok2api.core.lock.LockLease;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.storage.StoreArguments;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link LockService} over one key per lock ({@code lock:<name>} = {@code <expiry millis>|<owner>}). Acquire and
 * release are scripts, so check-and-set is atomic. The lease is judged against the caller's {@code now}; the key
 * also gets a Redis TTL of the lease length so a lock whose holder died disappears on its own.
 */
final class RedisLockService implements LockService {
    private static final String ACQUIRE = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local sep = string.find(current, '|', 1, true)
              local expires = tonumber(string.sub(current, 1, sep - 1))
              local owner = string.sub(current, sep + 1)
              if owner ~= ARGV[1] and expires > tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[3] .. '|' .. ARGV[1], 'PX', ARGV[4])
            return 1
            """;
    private static final String RELEASE = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local sep = string.find(current, '|', 1, true)
              if string.sub(current, sep + 1) == ARGV[1] then
                redis.call('DEL', KEYS[1])
                return 1
              end
            end
            return 0
            """;

    private final RedisBackend redis;

    RedisLockService(RedisBackend redis) {
        this.redis = redis;
    }

    @Override
    public Optional<LockLease> tryAcquire(String name, String owner, Duration ttl, Instant now) {
        StoreArguments.requireLock(name, owner, ttl);
        long expires = now.plus(ttl).toEpochMilli();
        Long acquired = redis.script(
                ACQUIRE,
                ScriptOutputType.INTEGER,
                List.of(redis.key("lock:" + name)),
                List.of(
                        owner,
                        Long.toString(now.toEpochMilli()),
                        Long.toString(expires),
                        Long.toString(ttl.toMillis())));
        return acquired == 1L
                ? Optional.of(new LockLease(name, owner, Instant.ofEpochMilli(expires)))
                : Optional.empty();
    }

    @Override
    public boolean release(String name, String owner) {
        Long released =
                redis.script(RELEASE, ScriptOutputType.INTEGER, List.of(redis.key("lock:" + name)), List.of(owner));
        return released == 1L;
    }
}
