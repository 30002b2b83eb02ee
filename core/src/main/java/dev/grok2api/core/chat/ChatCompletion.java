package dev.grok2api.core.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A complete (non-streamed) answer.
 *
 * @param id the completion id, never null
 * @param model the client-facing model id, never null
 * @param created when the completion started, never null
 * @param content the answer text, never null
 * @param reasoning the reasoning text shown apart from the answer, or empty
 * @param end finish reason, fingerprint and usage, never null
 */
public record ChatCompletion(
        String id, String model, Instant created, String content, String reasoning, ChatStreamEnd end) {
    public ChatCompletion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(end, "end");
    }
}
