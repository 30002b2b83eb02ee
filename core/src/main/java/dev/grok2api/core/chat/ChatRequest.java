package dev.grok2api.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * A chat request in domain terms, independent of the wire API it arrived through.
 *
 * @param model the client-facing model id, never null
 * @param messages the conversation, never null or empty
 * @param thinking whether reasoning is shown: {@code TRUE}/{@code FALSE} from the request, or null to use {@code
 *     grok.thinking}
 * @param videoConfig video options for the video model, or null
 * @param includeUsage whether a streaming client asked for a final usage chunk
 */
public record ChatRequest(
        String model, List<ChatMessage> messages, Boolean thinking, VideoConfig videoConfig, boolean includeUsage) {
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
    }

    /** A request with defaults for everything but the model and messages. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, false);
    }
}
