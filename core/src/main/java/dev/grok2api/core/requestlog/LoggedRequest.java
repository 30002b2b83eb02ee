package dev.grok2api.core.requestlog;

import java.util.Objects;

/**
 * A stored log row.
 *
 * @param id the store-assigned id; higher ids were appended later
 * @param entry what was logged
 */
public record LoggedRequest(long id, RequestLogEntry entry) {
    public LoggedRequest {
        Objects.requireNonNull(entry, "entry");
    }
}
