package dev.grok2api.core.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins from one client address within {@code
 * window}, that address is refused until the oldest of those failures is older than the window. A successful sign-in
 * clears the address's record. Limits are passed per call so a configuration change applies at once.
 *
 * <p>Per instance and in memory (addresses seen recently, at most {@link #MAX_TRACKED}); thread-safe.
 */
public final class LoginThrottle {
    /** Most addresses tracked at once; the oldest is forgotten first. */
    public static final int MAX_TRACKED = 10_000;

    private final InstantSource clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How long the address must wait before it may try again, or empty when it may try now.
     *
     * @param client the client's address
     */
    public synchronized Optional<Duration> blockedFor(String client, int maxFailures, Duration window) {
        Deque<Instant> recent = recent(client, window);
        if (recent == null || recent.size() < maxFailures) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** Records a failed sign-in from the address. */
    public synchronized void failed(String client, Duration window) {
        Deque<Instant> recent = recent(client, window);
        if (recent == null) {
            recent = new ArrayDeque<>();
            failures.put(client, recent);
        }
        recent.addLast(clock.instant());
        if (failures.size() > MAX_TRACKED) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Forgets the address's failures (after a successful sign-in). */
    public synchronized void succeeded(String client) {
        failures.remove(client);
    }

    private Deque<Instant> recent(String client, Duration window) {
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return null;
        }
        Instant cutoff = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
        if (recent.isEmpty()) {
            failures.remove(client);
            return null;
        }
        return recent;
    }
}
