package dev.grok2api.grok.client.internal;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.UpstreamTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * Enforces the three stream timeouts of one call precisely — {@code first_byte} until the first line, {@code idle}
 * between lines, {@code total} for the whole call — and aborts the call when the caller's {@link Cancellation} fires.
 * A socket read timeout cannot tell these apart, so a timer checks the deadlines and cancels the OkHttp call; the
 * reading thread then fails with an {@link java.io.IOException} and asks {@link #expired()} what happened.
 *
 * <p>Costs one scheduled check per deadline, not per line: a line only records its arrival time.
 */
public final class StreamGuard implements AutoCloseable {
    private final Call call;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();
    private final long firstByte;
    private final long idle;
    private final long total;
    private final Cancellation.Registration cancelRegistration;
    private volatile long lastLine;
    private volatile boolean lineSeen;
    private volatile UpstreamTimeoutException.Phase expired;
    private volatile boolean closed;
    private ScheduledFuture<?> check;

    /**
     * Starts guarding; close it when the call is done.
     *
     * @param call the call to cancel when a deadline passes or the caller cancels
     * @param timer runs the deadline checks (shared, single-threaded is enough)
     */
    public StreamGuard(
            Call call,
            Duration firstByte,
            Duration idle,
            Duration total,
            Cancellation cancellation,
            ScheduledExecutorService timer) {
        this.call = call;
        this.timer = timer;
        this.firstByte = firstByte.toNanos();
        this.idle = idle.toNanos();
        this.total = total.toNanos();
        schedule(Math.min(this.firstByte, this.total));
        this.cancelRegistration = cancellation.onCancel(call::cancel);
    }

    /** A line arrived. */
    public void lineArrived() {
        lastLine = System.nanoTime();
        lineSeen = true;
    }

    /** Which deadline expired, or null. */
    public UpstreamTimeoutException.Phase expired() {
        return expired;
    }

    private synchronized void schedule(long delayNanos) {
        if (!closed) {
            check = timer.schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        long now = System.nanoTime();
        long totalDeadline = start + total;
        long phaseDeadline = lineSeen ? lastLine + idle : start + firstByte;
        if (now - totalDeadline >= 0) {
            expire(UpstreamTimeoutException.Phase.TOTAL);
        } else if (now - phaseDeadline >= 0) {
            expire(lineSeen ? UpstreamTimeoutException.Phase.IDLE : UpstreamTimeoutException.Phase.FIRST_BYTE);
        } else {
            schedule(Math.min(phaseDeadline, totalDeadline) - now);
        }
    }

    private void expire(UpstreamTimeoutException.Phase phase) {
        expired = phase;
        call.cancel();
    }

    /** The limit of a phase, for the error message. */
    public Duration limit(UpstreamTimeoutException.Phase phase) {
        return Duration.ofNanos(
                switch (phase) {
                    case FIRST_BYTE -> firstByte;
                    case IDLE -> idle;
                    case TOTAL -> total;
                });
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
        cancelRegistration.close();
    }
}
