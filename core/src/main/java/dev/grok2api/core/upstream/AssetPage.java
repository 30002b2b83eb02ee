package dev.grok2api.core.upstream;

import java.util.List;
import java.util.Objects;

/**
 * One page of an account's online assets ({@code GET /rest/assets}).
 *
 * @param assetIds the ids on this page, never null
 * @param nextPageToken the token of the next page, or null on the last page
 */
public record AssetPage(List<String> assetIds, String nextPageToken) {
    public AssetPage {
        assetIds = List.copyOf(Objects.requireNonNull(assetIds, "assetIds"));
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return nextPageToken != null && !nextPageToken.isEmpty();
    }
}
