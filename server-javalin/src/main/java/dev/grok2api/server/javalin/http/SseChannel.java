package dev.grok2api.server.javalin.http;

import dev.grok2api.core.chat.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transport of a server-sent-event response: headers committed once ({@code text/event-stream}, no caching, no
 * proxy buffering), whole events written and flushed under one lock, and a heartbeat thread that writes {@code :
 * keep-alive} whenever nothing was written for the heartbeat interval. The first write or heartbeat commits the 200
 * response; until then the caller may still answer with a real HTTP status ({@link #stopUnlessCommitted}). A failed
 * write means the client went away: it cancels the work and throws {@link ClientGoneException}.
 *
 * <p>{@link #flushSoon} keeps flushes at least {@value #FLUSH_INTERVAL_MILLIS} ms apart: asked sooner, it leaves the
 * flush to the heartbeat thread, which does it when the interval is up. A model streaming a few dozen tokens a second
 * is still sent token by token, while a fast stream costs the server and the client a write and a wake-up per couple
 * of milliseconds instead of per token.
 *
 * <p>Writers (request threads) and the heartbeat (its own virtual thread) take the lock, so events and comments
 * never interleave.
 */
public final class SseChannel implements AutoCloseable {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final long FLUSH_INTERVAL_MILLIS = 2;
    private static final long FLUSH_INTERVAL_NANOS = FLUSH_INTERVAL_MILLIS * 1_000_000;

    private final Context ctx;
    private final long heartbeatNanos;
    private final Cancellation cancellation;
    private final Runnable onCommit;
    private final ReentrantLock lock = new ReentrantLock();
    /** Wakes the heartbeat thread: the channel closed, or a flush was left to it. */
    private final Condition wake = lock.newCondition();

    private OutputStream out;
    private long lastWrite = System.nanoTime();
    private long lastFlush;
    private boolean flushed;
    private boolean flushDue;
    private boolean done;

    /**
     * Starts the heartbeat; close the channel when the response ends.
     *
     * @param heartbeat interval of keep-alive comments while nothing else is written
     * @param cancellation cancelled when a write fails (the client went away)
     * @param onCommit runs once, under the lock, right after the headers are committed
     */
    public SseChannel(Context ctx, Duration heartbeat, Cancellation cancellation, Runnable onCommit) {
        this.ctx = ctx;
        this.heartbeatNanos = heartbeat.toNanos();
        this.cancellation = cancellation;
        this.onCommit = onCommit;
        Thread.ofVirtual().name("sse-heartbeat").start(this::beat);
    }

    /**
     * Writes text (whole events), committing the response first if needed.
     *
     * @param flush whether to push it to the client now
     * @throws ClientGoneException when the client went away
     */
    public void write(String text, boolean flush) {
        lock.lock();
        try {
            commit();
            write(text.getBytes(StandardCharsets.UTF_8));
            if (flush) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Something that writes whole events to the response, e.g. a buffer of rendered events. */
    @FunctionalInterface
    public interface Events {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes whole events without flushing, committing the response first if needed.
     *
     * @throws ClientGoneException when the client went away
     */
    public void write(Events events) {
        lock.lock();
        try {
            commit();
            events.writeTo(out);
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw gone(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes what was written to the client now, or — when the last flush was less than {@value
     * #FLUSH_INTERVAL_MILLIS} ms ago — as soon as that interval is up (nothing happens before the response is
     * committed).
     *
     * @throws ClientGoneException when the client went away
     */
    public void flushSoon() {
        lock.lock();
        try {
            if (out == null) {
                return;
            }
            if (!flushed || System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS) {
                flushLocked();
            } else if (!flushDue) {
                flushDue = true;
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes what was written to the client (nothing happens before the response is committed).
     *
     * @throws ClientGoneException when the client went away
     */
    public void flush() {
        lock.lock();
        try {
            if (out != null) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the heartbeat unless the response is committed already, so it cannot commit the response under the
     * caller's error status.
     *
     * @return whether the response was committed (the caller must then report in-band)
     */
    public boolean stopUnlessCommitted() {
        lock.lock();
        try {
            if (out == null) {
                stop();
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the heartbeat. */
    @Override
    public void close() {
        lock.lock();
        try {
            stop();
        } finally {
            lock.unlock();
        }
    }

    private void beat() {
        lock.lock();
        try {
            while (!done) {
                long now = System.nanoTime();
                long untilFlush = flushDue ? lastFlush + FLUSH_INTERVAL_NANOS - now : Long.MAX_VALUE;
                long untilBeat = lastWrite + heartbeatNanos - now;
                if (untilFlush <= 0) {
                    flushLocked();
                } else if (untilBeat <= 0) {
                    commit();
                    write(KEEP_ALIVE);
                    flushLocked();
                } else {
                    wake.awaitNanos(Math.min(untilFlush, untilBeat));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClientGoneException e) {
            done = true;
        } finally {
            lock.unlock();
        }
    }

    /** The caller holds the lock. */
    private void stop() {
        done = true;
        wake.signal();
    }

    /** Sends the headers once; the caller holds the lock. */
    private void commit() {
        if (out != null) {
            return;
        }
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try {
            out = ctx.res().getOutputStream();
        } catch (IOException e) {
            throw gone(e);
        }
        onCommit.run();
    }

    /** The caller holds the lock. */
    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** The caller holds the lock and has committed. */
    private void flushLocked() {
        flushDue = false;
        flushed = true;
        lastFlush = System.nanoTime();
        try {
            out.flush();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    private ClientGoneException gone(IOException e) {
        done = true;
        cancellation.cancel();
        return new ClientGoneException(e);
    }

    /** The client closed the connection while the response was streaming. */
    public static final class ClientGoneException extends UncheckedIOException {
        ClientGoneException(IOException cause) {
            super("client disconnected", cause);
        }
    }
}
