package dev.grok2api.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * How a streamed completion ended successfully.
 *
 * @param finishReason never null
 * @param systemFingerprint Grok's model hash, or empty
 * @param usage estimated usage, never null
 * @param citations sources of the answer, in order of first appearance, never null
 */
public record ChatStreamEnd(
        FinishReason finishReason, String systemFingerprint, Usage usage, List<UrlCitation> citations) {
    public ChatStreamEnd {
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(systemFingerprint, "systemFingerprint");
        Objects.requireNonNull(usage, "usage");
        citations = List.copyOf(citations);
    }

    /** An end without citations. */
    public ChatStreamEnd(FinishReason finishReason, String systemFingerprint, Usage usage) {
        this(finishReason, systemFingerprint, usage, List.of());
    }
}
