package dev.grok2api.core.chat;

/**
 * Token counts of one completion. Grok reports none, so these are estimates.
 *
 * @param promptTokens estimated tokens of the prompt sent upstream
 * @param completionTokens estimated tokens of the answer, reasoning included
 * @param reasoningTokens the part of {@code completionTokens} that was reasoning
 */
public record Usage(int promptTokens, int completionTokens, int reasoningTokens) {
    /** No usage. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** {@code promptTokens + completionTokens}. */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
