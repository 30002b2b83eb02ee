package dev.grok2api.core.requestlog;

import java.util.List;

/**
 * One page of the request log.
 *
 * @param items rows on this page, newest first
 * @param total how many rows match the filters in all
 */
public record RequestLogPage(List<LoggedRequest> items, long total) {
    public RequestLogPage {
        items = List.copyOf(items);
    }
}
