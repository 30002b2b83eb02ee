package dev.grok2api.server.javalin.images;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.image.ImageStreamListener;
import dev.grok2api.server.javalin.http.SseChannel;
import dev.grok2api.server.javalin.json.JsonCodec;
import dev.grok2api.server.javalin.openai.OpenAiErrors;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a streamed image generation as named server-sent events, as OpenAI and the reference do: {@code
 * image_generation.partial_image} for progress (the image field empty), {@code image_generation.completed} for each
 * image. Missing images end the stream with {@code image_generation.error} (its data carries an OpenAI {@code error}
 * object, which makes SDKs raise), or — with {@code app.image_pad_missing} — with {@code completed} events whose value
 * is the string {@code error}, as the reference pads. There is no {@code [DONE]}.
 *
 * <p>The {@link SseChannel} commits the 200 response at the first event or heartbeat ({@code : keep-alive} after
 * {@code grok.heartbeat_seconds} of silence); failures before that get a real HTTP status. A failed write means the
 * client went away: it cancels the generation.
 */
final class ImageEventStream implements ImageStreamListener, AutoCloseable {
    /** The usage the reference reports with every completed image (Grok reports none). */
    private static final Map<String, Object> USAGE = Map.of(
            "total_tokens", 50,
            "input_tokens", 25,
            "output_tokens", 25,
            "input_tokens_details", Map.of("text_tokens", 5, "image_tokens", 20));

    private final SseChannel channel;
    private final ImageFormat format;

    /**
     * Starts the heartbeat; close the stream when the request ends.
     *
     * @param onCommit runs once, when the response is committed (the answer starts reaching the client)
     */
    ImageEventStream(
            Context ctx, ImageFormat format, Duration heartbeat, Cancellation cancellation, Runnable onCommit) {
        this.channel = new SseChannel(ctx, heartbeat, cancellation, onCommit);
        this.format = format;
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
        if (!channel.stopUnlessCommitted()) {
            return false;
        }
        event(
                "image_generation.error",
                errorData(error.publicMessage(), OpenAiErrors.type(error.category()), error.code()));
        return true;
    }

    /** Stops the heartbeat. */
    @Override
    public void close() {
        channel.close();
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
        channel.write("event: " + name + "\ndata: " + JsonCodec.write(data) + "\n\n", true);
    }
}
