package dev.grok2api.core.token;

import java.util.List;

/**
 * One page of an admin listing.
 *
 * @param items the accounts on this page, in the query's order
 * @param total how many accounts match the filters in all
 */
public record TokenPage(List<GrokToken> items, long total) {
    public TokenPage {
        items = List.copyOf(items);
    }
}
