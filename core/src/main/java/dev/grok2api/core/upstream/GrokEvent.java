package dev.grok2api.core.upstream;

import java.util.List;
import java.util.Objects;

/**
 * One meaningful event of Grok's answer stream, already decoded from the wire. Frames that carry nothing the
 * gateway uses are not turned into events.
 */
public sealed interface GrokEvent {

    /**
     * A piece of text.
     *
     * @param text the text, never null (may be empty)
     * @param thinking whether it belongs to the model's reasoning rather than its answer
     * @param messageTag Grok's {@code messageTag} ({@code final}, {@code header}, {@code analysis}, …), or null
     * @param responseId the id of the response it belongs to, or null
     */
    record Token(String text, boolean thinking, String messageTag, String responseId) implements GrokEvent {
        public Token {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Grok named the model build that answers ({@code llmInfo.modelHash}). */
    record ModelHash(String hash) implements GrokEvent {
        public ModelHash {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * The final response ({@code modelResponse}): the full text and generated media.
     *
     * @param responseId Grok's response id, or null
     * @param message the whole answer text, never null
     * @param generatedImageUrls asset paths of generated images, relative to the assets host, never null
     * @param modelHash Grok's model hash, or null
     * @param error Grok's error text for this response, or null
     */
    record FinalResponse(
            String responseId, String message, List<String> generatedImageUrls, String modelHash, String error)
            implements GrokEvent {
        public FinalResponse {
            Objects.requireNonNull(message, "message");
            generatedImageUrls = List.copyOf(generatedImageUrls);
        }
    }

    /**
     * An error reported inside an HTTP 200 stream (a top-level {@code {"error":…}} line).
     *
     * @param code Grok's numeric (gRPC-style) code, or 0
     * @param message Grok's message, never null
     */
    record StreamError(int code, String message) implements GrokEvent {
        public StreamError {
            Objects.requireNonNull(message, "message");
        }
    }
}
