package dev.grok2api.core.chat;

import java.util.Objects;

/**
 * A source the answer cites or the model consulted (OpenAI {@code url_citation} annotation).
 *
 * @param url the source URL, never null
 * @param title the source title, never null (may be empty)
 * @param startIndex first character of the cited span in the answer text, or 0 when the source is not cited inline
 * @param endIndex character after the cited span, or 0 when the source is not cited inline
 */
public record UrlCitation(String url, String title, int startIndex, int endIndex) {
    public UrlCitation {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(title, "title");
        if (startIndex < 0 || endIndex < startIndex) {
            throw new IllegalArgumentException("bad citation span " + startIndex + ".." + endIndex);
        }
    }
}
