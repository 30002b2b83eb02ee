package dev.grok2api.grok.client.internal;

import dev.grok2api.core.upstream.GrokEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes one parsed NDJSON frame of Grok's chat stream into zero or more {@link GrokEvent}s. Unknown fields and
 * frames are ignored; fields of the wrong type count as absent. Stateless and thread-safe.
 */
public final class GrokFrameDecoder {

    /**
     * Decodes a frame.
     *
     * @param frame the parsed JSON value of one line (normally a map)
     * @param out receives the events in the order they should be handled
     */
    public void decode(Object frame, Consumer<GrokEvent> out) {
        Map<String, Object> error = Json.object(frame, "error");
        if (error != null) {
            out.accept(streamError(error));
            return;
        }
        Map<String, Object> response = Json.object(Json.object(frame, "result"), "response");
        if (response == null) {
            return;
        }
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
        if (token != null) {
            out.accept(new GrokEvent.Token(
                    token, Json.bool(response, "isThinking"), Json.string(response, "messageTag"), responseId));
        }
        Map<String, Object> modelResponse = Json.object(response, "modelResponse");
        if (modelResponse != null) {
            out.accept(finalResponse(modelResponse, responseId));
        }
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
