package dev.grok2api.core.image;

import dev.grok2api.core.upstream.FileUpload;
import java.util.List;
import java.util.Objects;

/**
 * A validated image generation or edit request.
 *
 * @param prompt what to draw, never blank
 * @param count how many images, 1..{@value #MAX_IMAGES}
 * @param aspectRatio one of {@link AspectRatio#SUPPORTED}
 * @param format how images are returned
 * @param concurrency how many upstream calls may run at once, 1..{@value #MAX_CONCURRENCY}
 * @param sources the images to edit, in order; empty for a generation
 */
public record ImageRequest(
        String prompt, int count, String aspectRatio, ImageFormat format, int concurrency, List<FileUpload> sources) {
    /** Most images one request may ask for. */
    public static final int MAX_IMAGES = 10;
    /** Most parallel upstream calls one request may ask for. */
    public static final int MAX_CONCURRENCY = 3;

    public ImageRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
        if (count < 1 || count > MAX_IMAGES) {
            throw new IllegalArgumentException("count must be 1.." + MAX_IMAGES + ", got " + count);
        }
        if (!AspectRatio.SUPPORTED.contains(aspectRatio)) {
            throw new IllegalArgumentException("unsupported aspect ratio " + aspectRatio);
        }
        Objects.requireNonNull(format, "format");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
        }
        sources = List.copyOf(sources);
    }

    /** Whether this edits {@link #sources()} rather than generating from scratch. */
    public boolean isEdit() {
        return !sources.isEmpty();
    }
}
