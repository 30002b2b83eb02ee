package dev.grok2api.grok.client.internal;

import com.squareup.moshi.JsonReader;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.WebSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Decodes one NDJSON line of Grok's chat stream into zero or more {@link GrokEvent}s. Unknown fields and frames are
 * ignored; fields of the wrong type count as absent. Stateless and thread-safe.
 *
 * <p>This runs once per token, so the line is read as a stream: the two outer levels ({@code result.response}) are
 * walked without building maps, unknown fields are skipped unread, and only the fields that carry meaning are
 * materialised — the rare nested ones (search results, cards, the final response) as JSON trees.
 */
public final class GrokFrameDecoder {
    private static final JsonReader.Options FRAME = JsonReader.Options.of("error", "result");
    private static final JsonReader.Options RESULT = JsonReader.Options.of("response");
    private static final String[] RESPONSE_FIELDS = {
        "token",
        "isThinking",
        "messageTag",
        "responseId",
        "llmInfo",
        "error",
        "toolUsageCard",
        "webSearchResults",
        "xSearchResults",
        "cardAttachment",
        "streamingImageGenerationResponse",
        "streamingVideoGenerationResponse",
        "modelResponse"
    };
    private static final JsonReader.Options RESPONSE = JsonReader.Options.of(RESPONSE_FIELDS);

    /**
     * Decodes one line (consuming the source).
     *
     * @param line the UTF-8 bytes of one line; surrounding whitespace is allowed
     * @param out receives the events in the order they should be handled, only once the whole line proved valid
     * @return whether the line was one JSON document; other lines emit nothing
     */
    public boolean decode(BufferedSource line, Consumer<GrokEvent> out) {
        Map<String, Object> error = null;
        Map<String, Object> response = null;
        try (JsonReader reader = JsonReader.of(line)) {
            if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
                reader.beginObject();
                while (reader.hasNext()) {
                    switch (reader.selectName(FRAME)) {
                        case 0 -> error = object(reader.readJsonValue());
                        case 1 -> response = result(reader);
                        default -> skipField(reader);
                    }
                }
                reader.endObject();
            } else {
                reader.skipValue();
            }
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (error != null) {
            out.accept(streamError(error));
        } else if (response != null) {
            decodeResponse(response, out);
        }
        return true;
    }

    /** The meaningful fields of {@code result.response}, or null when there is none. */
    private static Map<String, Object> result(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            reader.skipValue();
            return null;
        }
        Map<String, Object> response = null;
        reader.beginObject();
        while (reader.hasNext()) {
            if (reader.selectName(RESULT) == 0) {
                response = responseFields(reader);
            } else {
                skipField(reader);
            }
        }
        reader.endObject();
        return response;
    }

    private static Map<String, Object> responseFields(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            reader.skipValue();
            return null;
        }
        Map<String, Object> fields = new HashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            int field = reader.selectName(RESPONSE);
            if (field >= 0) {
                fields.put(RESPONSE_FIELDS[field], reader.readJsonValue());
            } else {
                skipField(reader);
            }
        }
        reader.endObject();
        return fields;
    }

    private static void skipField(JsonReader reader) throws IOException {
        reader.skipName();
        reader.skipValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    private static void decodeResponse(Map<String, Object> response, Consumer<GrokEvent> out) {
        Map<String, Object> llmInfo = Json.object(response, "llmInfo");
        String hash = Json.string(llmInfo, "modelHash");
        if (hash != null && !hash.isEmpty()) {
            out.accept(new GrokEvent.ModelHash(hash));
        }
        Map<String, Object> inBandError = Json.object(response, "error");
        if (inBandError != null) {
            out.accept(streamError(inBandError));
        }
        String responseId = Json.string(response, "responseId");
        String token = Json.string(response, "token");
        String tag = Json.string(response, "messageTag");
        if (token != null && ("tool_usage_card".equals(tag) || token.contains("<xai:tool_usage_card>"))) {
            out.accept(ToolCards.decode(token, Json.object(response, "toolUsageCard")));
        } else if (token != null && !"raw_function_result".equals(tag)) {
            out.accept(new GrokEvent.Token(token, Json.bool(response, "isThinking"), tag, responseId));
        }
        List<WebSource> sources = new ArrayList<>();
        sources(response.get("webSearchResults"), sources);
        xPosts(response.get("xSearchResults"), sources);
        if (!sources.isEmpty()) {
            out.accept(new GrokEvent.SearchResults(sources));
        }
        Map<String, Object> card = Json.object(response, "cardAttachment");
        if (card != null) {
            card(Json.parse(Objects.requireNonNullElse(Json.string(card, "jsonData"), "")), out);
        }
        Map<String, Object> image = Json.object(response, "streamingImageGenerationResponse");
        if (image != null) {
            out.accept(new GrokEvent.ImageProgress(
                    Json.integer(image, "imageIndex", 0),
                    clamp(Json.integer(image, "progress", 0)),
                    blankToNull(Json.string(image, "imageUrl")),
                    Json.bool(image, "moderated")));
        }
        Map<String, Object> video = Json.object(response, "streamingVideoGenerationResponse");
        if (video != null) {
            out.accept(new GrokEvent.VideoProgress(
                    clamp(Json.integer(video, "progress", 0)),
                    blankToNull(Json.string(video, "videoUrl")),
                    blankToNull(Json.string(video, "thumbnailImageUrl")),
                    Json.bool(video, "moderated"),
                    blankToNull(Json.string(video, "videoId"))));
        }
        Map<String, Object> modelResponse = Json.object(response, "modelResponse");
        if (modelResponse != null) {
            out.accept(finalResponse(modelResponse, responseId));
        }
    }

    /** {@code {"results":[{url,title,preview}]}} or a bare list. */
    private static void sources(Object node, List<WebSource> out) {
        List<?> results = node instanceof List<?> list ? list : Json.list(node, "results");
        for (Object result : results) {
            String url = Json.string(result, "url");
            if (url != null && !url.isBlank()) {
                out.add(new WebSource(
                        url,
                        Objects.requireNonNullElse(Json.string(result, "title"), ""),
                        Objects.requireNonNullElse(Json.string(result, "preview"), "")));
            }
        }
    }

    /** X posts ({@code username}, {@code postId}, {@code text}) as links to x.com. */
    private static void xPosts(Object node, List<WebSource> out) {
        List<?> results = node instanceof List<?> list ? list : Json.list(node, "results");
        for (Object post : results) {
            String user = Json.string(post, "username");
            String id = Json.string(post, "postId");
            if (user != null && id != null) {
                String text = Objects.requireNonNullElse(Json.string(post, "text"), "");
                out.add(new WebSource("https://x.com/" + user + "/status/" + id, "@" + user, text));
            }
        }
    }

    /** A {@code cardAttachment.jsonData} document: a citation or image card, or a generated image chunk. */
    private static void card(Object json, Consumer<GrokEvent> out) {
        Map<String, Object> chunk = Json.object(json, "image_chunk");
        if (chunk != null) {
            String url = Json.string(chunk, "imageUrl");
            if (Json.integer(chunk, "progress", 0) >= 100
                    && !Json.bool(chunk, "moderated")
                    && url != null
                    && !url.isBlank()
                    && !url.equals("/")) {
                out.accept(new GrokEvent.GeneratedImage(url));
            }
            return;
        }
        String id = Json.string(json, "id");
        if (id == null) {
            return;
        }
        String type = Objects.requireNonNullElse(
                Json.string(json, "type"), Objects.requireNonNullElse(Json.string(json, "cardType"), ""));
        Map<String, Object> image = Json.object(json, "image");
        String url = Json.string(json, "url");
        if (url == null) {
            url = Json.string(image, "link");
        }
        String title = Json.string(json, "title");
        if (title == null) {
            title = Json.string(image, "title");
        }
        String thumbnail = Json.string(image, "thumbnail");
        if (thumbnail == null) {
            thumbnail = Json.string(image, "original");
        }
        out.accept(new GrokEvent.Card(id, type, url, title, thumbnail));
    }

    private static int clamp(int progress) {
        return Math.max(0, Math.min(100, progress));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static GrokEvent.FinalResponse finalResponse(Map<String, Object> modelResponse, String frameResponseId) {
        String responseId = Json.string(modelResponse, "responseId");
        String message = Json.string(modelResponse, "message");
        List<String> images = new ArrayList<>();
        for (Object url : Json.list(modelResponse, "generatedImageUrls")) {
            if (url instanceof String s && !s.isBlank() && !s.equals("/")) {
                images.add(s);
            }
        }
        Map<String, Object> llmInfo = Json.object(Json.object(modelResponse, "metadata"), "llm_info");
        Object error = modelResponse.get("error");
        return new GrokEvent.FinalResponse(
                responseId != null ? responseId : frameResponseId,
                message == null ? "" : message,
                images,
                Json.string(llmInfo, "modelHash"),
                error instanceof String s && !s.isBlank() ? s : null);
    }

    private static GrokEvent.StreamError streamError(Map<String, Object> error) {
        String message = Json.string(error, "message");
        return new GrokEvent.StreamError(Json.integer(error, "code", 0), message == null ? "unknown error" : message);
    }
}
