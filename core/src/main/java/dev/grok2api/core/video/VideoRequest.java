package dev.grok2api.core.video;

import dev.grok2api.core.upstream.FileUpload;
import java.util.Objects;

/**
 * A validated video generation.
 *
 * @param prompt what to film, never null (may be empty for image-to-video)
 * @param image the image to animate, or null for text-to-video
 * @param options validated options
 */
public record VideoRequest(String prompt, FileUpload image, VideoOptions options) {
    public VideoRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(options, "options");
        if (prompt.isBlank() && image == null) {
            throw new IllegalArgumentException("a video needs a prompt or an image");
        }
    }
}
