package dev.grok2api.core.upstream;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to ask Grok when starting a conversation, in domain terms. The adapter turns it into Grok's request body.
 *
 * @param modelName Grok's {@code modelName}, never null
 * @param modelMode Grok's {@code modelMode}, or null to omit it
 * @param message the flattened prompt, never null
 * @param fileAttachments ids of files uploaded beforehand (non-image files first, then images), never null
 * @param toolOverrides Grok's {@code toolOverrides} switches, e.g. {@code imageGen=true}, never null
 * @param modelMap Grok's {@code responseMetadata.modelConfigOverride.modelMap}, never null
 */
public record ConversationRequest(
        String modelName,
        String modelMode,
        String message,
        List<String> fileAttachments,
        Map<String, Object> toolOverrides,
        Map<String, Object> modelMap) {
    public ConversationRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(message, "message");
        fileAttachments = List.copyOf(fileAttachments);
        toolOverrides = Map.copyOf(toolOverrides);
        modelMap = Map.copyOf(modelMap);
    }

    /** A plain chat turn with no attachments or overrides. */
    public static ConversationRequest chat(String modelName, String modelMode, String message) {
        return new ConversationRequest(modelName, modelMode, message, List.of(), Map.of(), Map.of());
    }

    /** A copy with these attachment ids. */
    public ConversationRequest withFileAttachments(List<String> ids) {
        return new ConversationRequest(modelName, modelMode, message, ids, toolOverrides, modelMap);
    }
}
