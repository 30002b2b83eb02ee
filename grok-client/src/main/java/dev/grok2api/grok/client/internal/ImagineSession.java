package dev.grok2api.grok.client.internal;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.upstream.ImagineEvent;
import dev.grok2api.core.upstream.ImagineListener;
import dev.grok2api.core.upstream.ImagineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;

/**
 * One round of Grok's imagine websocket: sends the {@code conversation.item.create} message and turns the server's
 * frames into {@link ImagineEvent}s, interpreting them generically as the reference clients do (image id from {@code
 * id}/{@code imageId}/{@code image_id}, progress from {@code progress}/{@code percentage_complete}, a slot completes
 * when it has a URL and progress ≥ 100 or a completed status). OkHttp's listener thread only queues what arrives;
 * the calling thread does all the work, so the listener passed in runs on the caller's thread.
 */
public final class ImagineSession {
    private static final Object CLOSED = new Object();
    private static final Set<String> DONE_STATUSES = Set.of("completed", "done", "success");

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final String requestId;
    private final ImagineRequest request;

    /**
     * @param request what to generate
     * @param requestId our {@code requestId} (frames carrying another id are ignored)
     */
    public ImagineSession(ImagineRequest request, UUID requestId) {
        this.request = request;
        this.requestId = requestId.toString();
    }

    /** The first (and only) client message. */
    public String message(Instant now) {
        Buffer buffer = new Buffer();
        try (com.squareup.moshi.JsonWriter w = com.squareup.moshi.JsonWriter.of(buffer)) {
            w.beginObject();
            w.name("type").value("conversation.item.create");
            w.name("timestamp").value(now.toEpochMilli());
            w.name("item").beginObject();
            w.name("type").value("message");
            w.name("content").beginArray().beginObject();
            w.name("requestId").value(requestId);
            w.name("text").value(request.prompt());
            w.name("type").value("input_scroll");
            w.name("properties").beginObject();
            w.name("section_count").value(0);
            w.name("is_kids_mode").value(false);
            w.name("enable_nsfw").value(request.enableNsfw());
            w.name("skip_upsampler").value(false);
            w.name("is_initial").value(false);
            w.name("aspect_ratio").value(request.aspectRatio());
            w.endObject();
            w.endObject().endArray();
            w.endObject();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    /**
     * Connects, sends the message and reports events until enough images completed, the server closed, or the
     * timeout passed.
     *
     * @param classify turns a refused handshake (status and body) into the exception to throw
     */
    public void run(
            OkHttpClient client,
            Request upgrade,
            Instant now,
            Duration timeout,
            Cancellation cancellation,
            ImagineListener listener,
            HandshakeClassifier classify) {
        WebSocket socket = client.newWebSocket(upgrade, new Inbox());
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> {
            socket.cancel();
            inbox.add(CLOSED);
        })) {
            socket.send(message(now));
            receive(timeout, cancellation, listener, classify);
        } finally {
            socket.close(1000, null);
            socket.cancel();
        }
    }

    private void receive(
            Duration timeout, Cancellation cancellation, ImagineListener listener, HandshakeClassifier classify) {
        Map<String, Integer> progress = new HashMap<>();
        Set<String> completed = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int synthetic = 0;
        while (completed.size() < request.images()) {
            Object item;
            try {
                item = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            if (item == null) {
                if (completed.isEmpty()) {
                    throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.TOTAL, timeout, null);
                }
                return;
            }
            if (item == CLOSED) {
                if (completed.isEmpty()) {
                    throw UpstreamStreamException.empty();
                }
                return;
            }
            if (item instanceof Failure failure) {
                throw failure.response != null
                        ? classify.classify(failure.response.code(), failure.body)
                        : new UpstreamUnavailableException(
                                0,
                                "Grok's imagine websocket failed: check the network and grok.base_proxy_url.",
                                failure.error.toString(),
                                failure.error);
            }
            Object frame = Json.parse((String) item);
            if (!(frame instanceof Map<?, ?>) || !ours(frame)) {
                continue;
            }
            String status = Objects.requireNonNullElse(first(frame, "current_status", "currentStatus"), "");
            if ("error".equals(Json.string(frame, "type")) || status.equals("error")) {
                throw error(frame);
            }
            String id = first(frame, "id", "imageId", "image_id");
            if (id == null) {
                id = "image-" + synthetic++;
            }
            int percent = Math.max(
                    -1, Math.min(100, integer(frame, "progress", "percentage_complete", "percentageComplete")));
            if (percent >= 0 && !Objects.equals(progress.put(id, percent), percent)) {
                listener.onEvent(new ImagineEvent.Progress(id, percent));
            }
            String url = first(frame, "url", "imageUrl", "image_url");
            boolean done = percent >= 100 || DONE_STATUSES.contains(status.toLowerCase(Locale.ROOT));
            if (url != null && !url.isBlank() && done && completed.add(id)) {
                listener.onEvent(new ImagineEvent.Completed(id, url, Json.bool(frame, "moderated")));
            }
        }
    }

    private boolean ours(Object frame) {
        String id = first(frame, "request_id", "requestId");
        return id == null || id.equals(requestId);
    }

    private static UpstreamException error(Object frame) {
        String code = Objects.requireNonNullElse(first(frame, "err_code", "errCode"), "");
        String message = Objects.requireNonNullElse(first(frame, "err_message", "err_msg", "error"), code);
        if (code.toLowerCase(Locale.ROOT).contains("rate_limit")
                || message.toLowerCase(Locale.ROOT).contains("rate limit")) {
            return new UpstreamRateLimitedException(200, null, "imagine: " + code + " " + message);
        }
        return UpstreamStreamException.inBand("imagine " + code + ": " + message);
    }

    private static String first(Object node, String... keys) {
        for (String key : keys) {
            String value = Json.string(node, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static int integer(Object node, String... keys) {
        for (String key : List.of(keys)) {
            int value = Json.integer(node, key, Integer.MIN_VALUE);
            if (value != Integer.MIN_VALUE) {
                return value;
            }
        }
        return -1;
    }

    /** Classifies a refused websocket handshake. */
    @FunctionalInterface
    public interface HandshakeClassifier {
        UpstreamException classify(int status, String body);
    }

    private record Failure(Throwable error, Response response, String body) {}

    private final class Inbox extends WebSocketListener {
        @Override
        public void onMessage(WebSocket webSocket, String text) {
            inbox.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            inbox.add(CLOSED);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            inbox.add(CLOSED);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            String body = "";
            if (response != null) {
                try {
                    body = response.peekBody(4096).string();
                } catch (IOException | RuntimeException e) {
                    body = "";
                }
            }
            inbox.add(new Failure(t, response, body));
        }
    }
}
