package dev.grok2api.core.apikey;

import java.util.List;

/**
 * One page of the key listing.
 *
 * @param items keys on this page, newest first
 * @param total how many keys match the filters in all
 */
public record ApiKeyPage(List<ApiKey> items, long total) {
    public ApiKeyPage {
        items = List.copyOf(items);
    }
}
