package dev.grok2api.core.upstream;

import java.util.Objects;

/** What an imagine websocket round reports, already interpreted (frames of other requests are dropped). */
public sealed interface ImagineEvent {

    /**
     * An image slot made progress.
     *
     * @param imageId Grok's image id (or a synthetic {@code image-<n>}), never null
     * @param percent 0..100
     */
    record Progress(String imageId, int percent) implements ImagineEvent {
        public Progress {
            Objects.requireNonNull(imageId, "imageId");
        }
    }

    /**
     * An image slot completed.
     *
     * @param imageId Grok's image id, never null
     * @param url the image URL as Grok sent it (absolute, usually on an x.ai or grok.com host), never null
     * @param moderated whether Grok flagged it
     */
    record Completed(String imageId, String url, boolean moderated) implements ImagineEvent {
        public Completed {
            Objects.requireNonNull(imageId, "imageId");
            Objects.requireNonNull(url, "url");
        }
    }
}
