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
 * becomes an {@code {"error":…}} event followed by {@code [DONE]}. Events are flushed whenever Grok has nothing more
 * buffered ({@link #onIdle}), so a burst of tokens costs one flush while a paced stream is still flushed per token.
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

    private final Context ctx;
    private final boolean includeUsage;
    private final long heartbeatNanos;
    private final Cancellation cancellation;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private OutputStream out;
    private ChatStreamStart start;
    private long lastWrite = System.nanoTime();
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
            send(ChatCompletionWriter.roleChunk(start, ""));
            flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onDelta(ChatDelta delta) {
        lock.lock();
        try {
            send(ChatCompletionWriter.deltaChunk(start, "", delta));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onIdle() {
        lock.lock();
        try {
            flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete(ChatStreamEnd end) {
        lock.lock();
        try {
            send(ChatCompletionWriter.finishChunk(start, end));
            if (includeUsage) {
                send(ChatCompletionWriter.usageChunk(start, end));
            }
            write(DONE);
            flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Grok2ApiException error) {
        lock.lock();
        try {
            send(OpenAiErrors.envelope(error));
            write(DONE);
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
                finished.signalAll();
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
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void beat() {
        lock.lock();
        try {
            while (!done) {
                long wait = heartbeatNanos - (System.nanoTime() - lastWrite);
                if (wait > 0) {
                    finished.awaitNanos(wait);
                    continue;
                }
                commit();
                write(KEEP_ALIVE);
                flush();
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

    private void send(String json) {
        write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes into the response buffer; the caller holds the lock. */
    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Pushes buffered events to the client; the caller holds the lock. */
    private void flush() {
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
