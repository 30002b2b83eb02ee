package dev.grok2api.core.image;

import java.util.List;
import java.util.Objects;

/**
 * What an image request produced. Fewer images than requested is reported as such, never padded.
 *
 * @param images the images, by index, never null
 * @param requested how many were asked for
 * @param shortfall why images are missing (moderated, a failed call, a failed download), never null; empty when
 *     every requested image was delivered
 */
public record ImageResult(List<GeneratedImage> images, int requested, List<String> shortfall) {
    public ImageResult {
        images = List.copyOf(Objects.requireNonNull(images, "images"));
        shortfall = List.copyOf(Objects.requireNonNull(shortfall, "shortfall"));
    }

    /** How many requested images are missing. */
    public int missing() {
        return Math.max(0, requested - images.size());
    }
}
