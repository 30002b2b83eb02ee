package dev.grok2api.core.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative latency histogram in seconds with fixed bucket bounds, as Prometheus expects. Lock-free and
 * thread-safe.
 */
public final class Histogram {
    /** Upper bounds (seconds) of the buckets: from a fast first byte to a long stream. */
    public static final List<Double> BOUNDS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

    private final LongAdder[] buckets = new LongAdder[BOUNDS.size()];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public Histogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Counts one observation. */
    public void observe(double seconds) {
        for (int i = 0; i < buckets.length; i++) {
            if (seconds <= BOUNDS.get(i)) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /**
     * The current figures.
     *
     * @param cumulative observations at or below each bound of {@link #BOUNDS}, in order
     * @param count all observations (the {@code +Inf} bucket)
     * @param sum the sum of all observations in seconds
     */
    public record Snapshot(List<Long> cumulative, long count, double sum) {
        public Snapshot {
            cumulative = List.copyOf(cumulative);
        }
    }

    /** The figures now; concurrent observations may be half included. */
    public Snapshot snapshot() {
        Long[] cumulative = new Long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(List.of(cumulative), count.sum(), sum.sum());
    }
}
