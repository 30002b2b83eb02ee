package dev.grok2api.core.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * Identity of a streamed completion, fixed for the whole stream.
 *
 * @param id the completion id (Grok's response id when known), never null
 * @param model the client-facing model id, never null
 * @param created when the completion started, never null
 */
public record ChatStreamStart(String id, String model, Instant created) {
    public ChatStreamStart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(created, "created");
    }
}
