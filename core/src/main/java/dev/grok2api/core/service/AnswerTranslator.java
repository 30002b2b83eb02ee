package dev.grok2api.core.service;

import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ThinkingFormat;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.upstream.GrokEvent;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Turns one attempt's {@link GrokEvent}s into chat deltas: answer text, reasoning in the configured format, the
 * fingerprint, and honest errors. One instance per upstream attempt; not thread-safe.
 */
final class AnswerTranslator {
    private final boolean showThinking;
    private final ThinkingFormat format;
    private final List<String> filterTags;
    private final BiConsumer<String, ChatDelta> out;

    private String responseId;
    private String fingerprint = "";
    private boolean thinkTagOpen;
    private boolean answerStarted;
    private boolean finalSeen;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();

    /**
     * @param showThinking whether reasoning reaches the client at all
     * @param format how reasoning reaches the client when shown
     * @param filterTags tokens containing any of these substrings are dropped
     * @param out receives Grok's response id so far (or null) and each delta, in order
     */
    AnswerTranslator(
            boolean showThinking, ThinkingFormat format, List<String> filterTags, BiConsumer<String, ChatDelta> out) {
        this.showThinking = showThinking && format != ThinkingFormat.HIDDEN;
        this.format = format;
        this.filterTags = List.copyOf(filterTags);
        this.out = out;
    }

    /**
     * Handles one event.
     *
     * @throws dev.grok2api.core.error.Grok2ApiException for in-band errors and moderated answers
     */
    void accept(GrokEvent event) {
        switch (event) {
            case GrokEvent.Token token -> onToken(token);
            case GrokEvent.ModelHash hash -> fingerprint = hash.hash();
            case GrokEvent.FinalResponse response -> onFinal(response);
            case GrokEvent.StreamError error -> throw classify(error.code(), error.message());
        }
    }

    private void onToken(GrokEvent.Token token) {
        if (responseId == null
                && token.responseId() != null
                && !token.responseId().isEmpty()) {
            responseId = token.responseId();
        }
        String text = token.text();
        if (text.isEmpty() || filtered(text)) {
            return;
        }
        if (token.thinking()) {
            // Reasoning that arrives after the answer started is a late echo; clients cannot place it.
            if (!showThinking || answerStarted) {
                return;
            }
            reasoning.append(text);
            if (format == ThinkingFormat.THINK_TAGS) {
                if (!thinkTagOpen) {
                    thinkTagOpen = true;
                    emitContent("<think>\n");
                }
                emitContent(text);
            } else {
                out.accept(responseId, new ChatDelta.Reasoning(text));
            }
            return;
        }
        closeThinkTag();
        answerStarted = true;
        answer.append(text);
        emitContent(text);
    }

    private void onFinal(GrokEvent.FinalResponse response) {
        finalSeen = true;
        if (response.modelHash() != null && !response.modelHash().isEmpty()) {
            fingerprint = response.modelHash();
        }
        if (response.responseId() != null && responseId == null) {
            responseId = response.responseId();
        }
        if (response.error() != null && !response.error().isBlank()) {
            throw classify(0, response.error());
        }
        // Some answers arrive only as the final message (no token frames): still deliver them.
        if (!answerStarted && !response.message().isEmpty()) {
            closeThinkTag();
            answerStarted = true;
            answer.append(response.message());
            emitContent(response.message());
        }
    }

    /**
     * The stream ended cleanly: closes an open think tag.
     *
     * @throws UpstreamStreamException when Grok produced no answer at all
     */
    void finish() {
        if (!answerStarted) {
            throw UpstreamStreamException.empty();
        }
        closeThinkTag();
    }

    private void closeThinkTag() {
        if (thinkTagOpen) {
            thinkTagOpen = false;
            emitContent("\n</think>\n");
        }
    }

    private void emitContent(String text) {
        out.accept(responseId, new ChatDelta.Content(text));
    }

    private boolean filtered(String text) {
        for (String tag : filterTags) {
            if (!tag.isEmpty() && text.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException classify(int code, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("content moderated") || lower.contains("content-moderated")) {
            return new ContentModeratedException(message);
        }
        if (code == 8
                || lower.contains("too many requests")
                || lower.contains("rate limit")
                || lower.contains("usage limit")
                || lower.contains("usage quota")) {
            return new UpstreamRateLimitedException(200, null, message);
        }
        if (code == 7 || lower.contains("anti-bot")) {
            return new AntiBotRejectedException(200, message);
        }
        return UpstreamStreamException.inBand(message);
    }

    /** Grok's response id, or null if none was seen. */
    String responseId() {
        return responseId;
    }

    /** Grok's model hash, or empty. */
    String fingerprint() {
        return fingerprint;
    }

    /** Whether the final response frame arrived. */
    boolean finalSeen() {
        return finalSeen;
    }

    /** The answer text so far. */
    String answer() {
        return answer.toString();
    }

    /** The reasoning text so far. */
    String reasoning() {
        return reasoning.toString();
    }
}
