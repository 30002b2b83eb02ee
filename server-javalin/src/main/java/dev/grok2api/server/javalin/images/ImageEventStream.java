package dev.grok2api.server.javalin.images;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.image.ImageStreamListener;
import dev.grok2api.server.javalin.json.JsonCodec;
import dev.grok2api.server.javalin.openai.OpenAiErrors;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a streamed image generation as named server-sent events, as OpenAI and the reference do: {@code
 * image_generation.partial_image} for progress (the image field empty), {@code image_generation.completed} for each
 * image. Missing images end the stream with {@code image_generation.error} (its data carries an OpenAI {@code error}
 * object, which makes SDKs raise), or — with {@code app.image_pad_missing} — with {@code completed} events whose value
 * is the string {@code error}, as the reference pads. There is no {@code [DONE]}.
 *
 * <p>The 200 response is committed at the first event or heartbeat ({@code : keep-alive} after {@code
 * grok.heartbeat_seconds} of silence); failures before that get a real HTTP status. A failed write means the client
 * went away: it cancels the generation. One lock orders the writers (generation threads and the heartbeat).
 */
final class ImageEventStream implements ImageStreamListener, AutoCloseable {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    /** The usage the reference reports with every completed image (Grok reports none). */
    private static final Map<String, Object> USAGE = Map.of(
            "total_tokens", 50,
            "input_tokens", 25,
            "output_tokens", 25,
            "input_tokens_details", Map.of("text_tokens", 5, "image_tokens", 20));

    private final Context ctx;
    private final ImageFormat format;
    private final long heartbeatNanos;
    private final Cancellation cancellation;
    private final Runnable onCommit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private OutputStream out;
    private long lastWrite = System.nanoTime();
    private boolean done;

    /**
     * Starts the heartbeat; close the stream when the request ends.
     *
     * @param onCommit runs once, when the response is committed (the answer starts reaching the client)
     */
    ImageEventStream(
            Context ctx, ImageFormat format, Duration heartbeat, Cancellation cancellation, Runnable onCommit) {
        this.ctx = ctx;
        this.format = format;
        this.heartbeatNanos = heartbeat.toNanos();
        this.cancellation = cancellation;
        this.onCommit = onCommit;
        Thread.ofVirtual().name("image-sse-heartbeat").start(this::beat);
    }

    @Override
    public void onProgress(int index, int percent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "image_generation.partial_image");
        data.put(format.wireName(), "");
        data.put("index", index);
        data.put("progress", percent);
        event("image_generation.partial_image", data);
    }

    @Override
    public void onImage(GeneratedImage image) {
        completed(image.index(), image.value(), USAGE);
    }

    /** Ends the stream: reports missing images, padded or as an error event. */
    void finish(ImageResult result, boolean padMissing) {
        if (result.missing() == 0) {
            return;
        }
        if (padMissing) {
            boolean[] delivered = new boolean[result.requested()];
            result.images().forEach(image -> delivered[image.index()] = true);
            for (int i = 0; i < delivered.length; i++) {
                if (!delivered[i]) {
                    completed(i, "error", Map.of());
                }
            }
            return;
        }
        Map<String, Object> data = errorData(
                "Only " + result.images().size() + " of " + result.requested() + " images could be generated: "
                        + String.join(" ", result.shortfall()),
                "server_error",
                "images_missing");
        data.put("requested", result.requested());
        data.put("missing", result.missing());
        event("image_generation.error", data);
    }

    /**
     * Reports a failure of the whole generation. When the response is already committed, an error event goes out
     * and this returns true; otherwise nothing is written and the caller answers with a real HTTP status.
     */
    boolean failInBand(Grok2ApiException error) {
        lock.lock();
        try {
            if (out == null) {
                stop();
                return false;
            }
            event(
                    "image_generation.error",
                    errorData(error.publicMessage(), OpenAiErrors.type(error.category()), error.code()));
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

    private void completed(int index, String value, Map<String, Object> usage) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "image_generation.completed");
        data.put(format.wireName(), value);
        data.put("index", index);
        data.put("usage", usage);
        event("image_generation.completed", data);
    }

    private static Map<String, Object> errorData(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "image_generation.error");
        data.put("message", message);
        data.put("error", error);
        return data;
    }

    private void event(String name, Map<String, Object> data) {
        lock.lock();
        try {
            commit();
            write(("event: " + name + "\ndata: " + JsonCodec.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            flush();
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
                    stopped.awaitNanos(wait);
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

    /** The caller holds the lock. */
    private void stop() {
        done = true;
        stopped.signalAll();
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

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** The caller holds the lock. */
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

    /** The client closed the connection while the images were streaming. */
    static final class ClientGoneException extends UncheckedIOException {
        ClientGoneException(IOException cause) {
            super("client disconnected", cause);
        }
    }
}
