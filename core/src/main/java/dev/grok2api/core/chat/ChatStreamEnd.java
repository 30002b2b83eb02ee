package dev.grok2api.core.chat;

import java.util.Objects;

/**
 * How a streamed completion ended successfully.
 *
 * @param finishReason never null
 * @param systemFingerprint Grok's model hash, or empty
 * @param usage estimated usage, never null
 */
public record ChatStreamEnd(FinishReason finishReason, String systemFingerprint, Usage usage) {
    public ChatStreamEnd {
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(systemFingerprint, "systemFingerprint");
        Objects.requireNonNull(usage, "usage");
    }
}
