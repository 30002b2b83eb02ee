package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a streamed chat completion as OpenAI server-sent events: a role chunk first, content and reasoning chunks,
 * the finish chunk (plus a usage chunk when asked), then {@code data: [DONE]}. A failure after the stream started
 * becomes an {@code {"error":…}} event followed by {@code [DONE]}.
 *
 * <p>Flushing: events collect in an {@link SseEventBuffer} and are flushed whenever Grok has nothing more buffered
 * ({@link #onIdle}), so a burst of tokens costs one write. Flushes are at least {@value #FLUSH_INTERVAL_MILLIS} ms
 * apart: an idle moment sooner than that leaves the flush to the heartbeat thread, which does it when the interval is
 * up. A model streaming a few dozen tokens a second is still sent token by token, while a fast stream costs the
 * proxy and the client a write and a wake-up per couple of milliseconds instead of per token.
 *
 * <p>Keep-alive: whenever nothing was written for {@code grok.heartbeat_seconds} (long thinking, a slow first
 * token), a heartbeat thread writes the SSE comment {@code : keep-alive}. The first heartbeat commits the 200
 * response if the answer has not started yet; from then on a failure is reported in-band. A failed write — from the
 * stream or the heartbeat — means the client went away and cancels the upstream call.
 *
 * <p>Headers are otherwise committed only at {@link #onStart}, so early failures still get a real HTTP status. The
 * chat service calls the listener from the request thread; the heartbeat runs on its own virtual thread. One lock
 * orders their writes, so events and comments never interleave.
 */
public final class SseChatListener implements ChatStreamListener, AutoCloseable {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Above this many buffered bytes, events are handed to the response without waiting for an idle upstream. */
    private static final int WRITE_THRESHOLD = 16 * 1024;

    private static final long FLUSH_INTERVAL_MILLIS = 2;
    private static final long FLUSH_INTERVAL_NANOS = FLUSH_INTERVAL_MILLIS * 1_000_000;

    private final Context ctx;
    private final boolean includeUsage;
    private final long heartbeatNanos;
    private final Cancellation cancellation;
    private final ReentrantLock lock = new ReentrantLock();
    /** Wakes the heartbeat thread: the request ended, or a flush was left to it. */
    private final Condition wake = lock.newCondition();

    private final SseEventBuffer events = new SseEventBuffer();
    private OutputStream out;
    private ChatStreamStart start;
    private long lastWrite = System.nanoTime();
    private long lastFlush;
    private boolean flushed;
    private boolean flushDue;
    private boolean done;

    /**
     * Starts the heartbeat; close the listener when the request ends.
     *
     * @param heartbeat interval of keep-alive comments while nothing else is written
     * @param cancellation cancelled when a write fails (the client went away)
     */
    public SseChatListener(Context ctx, boolean includeUsage, Duration heartbeat, Cancellation cancellation) {
        this.ctx = ctx;
        this.includeUsage = includeUsage;
        this.heartbeatNanos = heartbeat.toNanos();
        this.cancellation = cancellation;
        Thread.ofVirtual().name("sse-heartbeat").start(this::beat);
    }

    @Override
    public void onStart(ChatStreamStart newStart) {
        lock.lock();
        try {
            this.start = newStart;
            commit();
            events.start(start);
            // Goes out with the first delta, at the idle moment that follows it.
            events.role();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onDelta(ChatDelta delta) {
        lock.lock();
        try {
            events.delta(delta);
            if (events.size() >= WRITE_THRESHOLD) {
                write();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onIdle() {
        lock.lock();
        try {
            if (!flushed || System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS) {
                flush();
            } else if (!flushDue) {
                flushDue = true;
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete(ChatStreamEnd end) {
        lock.lock();
        try {
            events.event(ChatCompletionWriter.finishChunk(start, end));
            if (includeUsage) {
                events.event(ChatCompletionWriter.usageChunk(start, end));
            }
            events.raw(DONE);
            flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Grok2ApiException error) {
        lock.lock();
        try {
            events.event(OpenAiErrors.envelope(error));
            events.raw(DONE);
            flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reports a failure that happened before the answer started. When a heartbeat already committed the response,
     * the error goes out in-band (error event and {@code [DONE]}) and this returns true; otherwise nothing is written
     * and the caller answers with a real HTTP status.
     */
    public boolean failInBand(Grok2ApiException error) {
        lock.lock();
        try {
            if (out == null) {
                // Stop the heartbeat first, so it cannot commit the response under the caller's error status.
                done = true;
                wake.signal();
                return false;
            }
            onError(error);
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
            done = true;
            wake.signal();
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
                    flush();
                } else if (untilBeat <= 0) {
                    commit();
                    events.raw(KEEP_ALIVE);
                    flush();
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

    /** Sends the SSE headers once; the caller holds the lock. */
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
    }

    /** Hands the buffered events to the response; the caller holds the lock. */
    private void write() {
        try {
            events.writeTo(out);
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Pushes the buffered events to the client; the caller holds the lock. */
    private void flush() {
        write();
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

    /** The client closed the connection while the answer was streaming. */
    public static final class ClientGoneException extends UncheckedIOException {
        ClientGoneException(IOException cause) {
            super("client disconnected", cause);
        }
    }
}
