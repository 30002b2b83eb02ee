package dev.grok2api.core.media;

import java.util.List;
import java.util.Objects;

/**
 * One page of a cache listing, newest first.
 *
 * @param items the files on this page, each with the image that previews it (videos only, else null)
 * @param total files of this kind in the cache
 * @param page 1-based page number
 * @param pageSize files per page
 */
public record MediaPage(List<Item> items, int total, int page, int pageSize) {
    public MediaPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * A listed file.
     *
     * @param entry the file
     * @param preview the cached image with the same stem (a video's poster), or null
     */
    public record Item(MediaEntry entry, MediaEntry preview) {
        public Item {
            Objects.requireNonNull(entry, "entry");
        }
    }
}
