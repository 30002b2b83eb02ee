package dev.grok2api.core.service;

import java.util.List;
import java.util.Objects;

/**
 * A conversation flattened into Grok's single {@code message} string, plus its attachments in order.
 *
 * @param message the prompt text, never null
 * @param attachments every attachment of every message, in order, never null
 */
public record FlattenedPrompt(String message, List<Attachment> attachments) {
    public FlattenedPrompt {
        Objects.requireNonNull(message, "message");
        attachments = List.copyOf(attachments);
    }
}
