package dev.grok2api.core.upstream;

import java.util.Objects;

/**
 * A search result the model consulted.
 *
 * @param url never null
 * @param title never null (may be empty)
 * @param snippet a preview of the page, never null (may be empty)
 */
public record WebSource(String url, String title, String snippet) {
    public WebSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(snippet, "snippet");
    }
}
