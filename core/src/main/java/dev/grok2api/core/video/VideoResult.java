package dev.grok2api.core.video;

import dev.grok2api.core.media.StoredMedia;
import java.util.Objects;

/**
 * A generated video, in the local media cache.
 *
 * @param video the video file, never null
 * @param poster its poster image, or null when Grok sent none or it could not be downloaded
 * @param responseId Grok's response id, or null
 */
public record VideoResult(StoredMedia video, StoredMedia poster, String responseId) {
    public VideoResult {
        Objects.requireNonNull(video, "video");
    }
}
