package dev.grok2api.core.upstream;

import java.util.Objects;
import java.util.Set;

/**
 * One round of Grok's "imagine" websocket image generation.
 *
 * @param prompt the prompt, sent as is, never blank
 * @param aspectRatio one of {@code 1:1}, {@code 16:9}, {@code 9:16}, {@code 2:3}, {@code 3:2}
 * @param enableNsfw Grok's {@code enable_nsfw} switch
 * @param images how many completed images to wait for (1..4 per round)
 */
public record ImagineRequest(String prompt, String aspectRatio, boolean enableNsfw, int images) {
    private static final Set<String> RATIOS = Set.of("1:1", "16:9", "9:16", "2:3", "3:2");

    public ImagineRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
        if (!RATIOS.contains(aspectRatio)) {
            throw new IllegalArgumentException("aspectRatio must be one of " + RATIOS + ", got " + aspectRatio);
        }
        if (images < 1 || images > 4) {
            throw new IllegalArgumentException("images must be 1..4, got " + images);
        }
    }
}
