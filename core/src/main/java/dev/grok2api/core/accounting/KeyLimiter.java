package dev.grok2api.core.accounting;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.error.RateLimitException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Enforces a key's requests-per-minute (sliding 60-second window) and its most requests in flight. The limits are
 * read from the key on every call, so an edit applies to the next request.
 *
 * <p>Counts are per instance: behind a load balancer each instance enforces the limits on its own share of the
 * traffic. Thread-safe.
 */
public final class KeyLimiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ConcurrentMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** A request slot, held until {@link #release()}. */
    public interface Permit {
        /** Frees the slot; idempotent. */
        void release();
    }

    private static final Permit NONE = () -> {};

    /**
     * Takes a slot for one request of the key.
     *
     * @throws RateLimitException {@code rate_limit_exceeded} or {@code concurrency_limit_exceeded}
     */
    public Permit acquire(ApiKey key, Instant now) {
        if (key.requestsPerMinute() >= 0) {
            admitRate(key, now);
        }
        if (key.maxConcurrency() < 0) {
            return NONE;
        }
        String id = key.id();
        boolean[] admitted = {false};
        inFlight.compute(id, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= key.maxConcurrency()) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw new RateLimitException(
                    "concurrency_limit_exceeded",
                    "This API key allows " + key.maxConcurrency()
                            + " requests at a time: wait for one to finish, or ask the operator to raise the limit.",
                    Duration.ofSeconds(1));
        }
        return new Permit() {
            private boolean released;

            @Override
            public synchronized void release() {
                if (!released) {
                    released = true;
                    inFlight.computeIfPresent(id, (k, count) -> count <= 1 ? null : count - 1);
                }
            }
        };
    }

    private void admitRate(ApiKey key, Instant now) {
        Deque<Instant> window = recent.computeIfAbsent(key.id(), k -> new ArrayDeque<>());
        synchronized (window) {
            Instant cutoff = now.minus(MINUTE);
            while (!window.isEmpty() && !window.peekFirst().isAfter(cutoff)) {
                window.removeFirst();
            }
            if (window.size() >= key.requestsPerMinute()) {
                Duration wait = window.isEmpty()
                        ? MINUTE
                        : Duration.between(now, window.peekFirst().plus(MINUTE));
                throw new RateLimitException(
                        "rate_limit_exceeded",
                        "This API key allows " + key.requestsPerMinute()
                                + " requests per minute: retry after the time in Retry-After.",
                        wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
            }
            window.addLast(now);
        }
    }
}
