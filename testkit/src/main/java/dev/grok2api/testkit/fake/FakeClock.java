package dev.grok2api.testkit.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** An {@link InstantSource} that stands still until a test moves it. Thread-safe. */
public final class FakeClock implements InstantSource {
    private volatile Instant now;

    /** A clock showing {@code start}. */
    public FakeClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public synchronized FakeClock advance(Duration amount) {
        now = now.plus(amount);
        return this;
    }

    /** Sets the clock. */
    public FakeClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
        return this;
    }
}
