package dev.grok2api.core.media;

import java.util.Objects;

/**
 * A file in the media cache.
 *
 * @param kind image or video
 * @param name the file name, safe for paths and URLs ({@link MediaNames#fromAssetPath}), never null
 * @param contentType the MIME type, never null
 * @param size bytes
 */
public record StoredMedia(MediaKind kind, String name, String contentType, long size) {
    public StoredMedia {
        Objects.requireNonNull(kind, "kind");
        MediaNames.requireSafe(name);
        Objects.requireNonNull(contentType, "contentType");
    }
}
