package dev.grok2api.core.video;

import dev.grok2api.core.chat.VideoConfig;
import dev.grok2api.core.error.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validated video options with the reference's defaults: aspect ratio {@code 3:2}, 6 seconds, {@code SD}, preset
 * {@code custom}.
 *
 * @param aspectRatio one of {@link #ASPECT_RATIOS}
 * @param lengthSeconds {@value #MIN_LENGTH}..{@value #MAX_LENGTH}
 * @param resolution {@code SD} or {@code HD}
 * @param preset {@code fun}, {@code normal}, {@code spicy} or {@code custom}
 */
public record VideoOptions(String aspectRatio, int lengthSeconds, String resolution, String preset) {
    /** The ratios Grok generates videos in. */
    public static final List<String> ASPECT_RATIOS = List.of("2:3", "3:2", "1:1", "9:16", "16:9");

    public static final int MIN_LENGTH = 5;
    public static final int MAX_LENGTH = 15;

    private static final List<String> RESOLUTIONS = List.of("SD", "HD");
    private static final Map<String, String> MODE_FLAGS = Map.of(
            "fun", "--mode=extremely-crazy",
            "normal", "--mode=normal",
            "spicy", "--mode=extremely-spicy-or-crazy",
            "custom", "--mode=custom");

    /** The options of a request that sets none. */
    public static final VideoOptions DEFAULTS = new VideoOptions("3:2", 6, "SD", "custom");

    public VideoOptions {
        if (!ASPECT_RATIOS.contains(aspectRatio)
                || lengthSeconds < MIN_LENGTH
                || lengthSeconds > MAX_LENGTH
                || !RESOLUTIONS.contains(resolution)
                || !MODE_FLAGS.containsKey(preset)) {
            throw new IllegalArgumentException(
                    "invalid video options " + aspectRatio + ", " + lengthSeconds + ", " + resolution + ", " + preset);
        }
    }

    /**
     * Validates a client's {@code video_config}; fields it leaves out get the defaults.
     *
     * @param config the client's options, or null
     * @throws InvalidRequestException (400) {@code invalid_aspect_ratio}, {@code invalid_video_length}, {@code
     *     invalid_resolution} or {@code invalid_preset}, with param {@code video_config.<field>}
     */
    public static VideoOptions from(VideoConfig config) {
        if (config == null) {
            return DEFAULTS;
        }
        String ratio = config.aspectRatio() == null
                ? DEFAULTS.aspectRatio
                : config.aspectRatio().trim();
        if (!ASPECT_RATIOS.contains(ratio)) {
            throw invalid("invalid_aspect_ratio", "aspect_ratio", "aspect_ratio must be one of " + ASPECT_RATIOS);
        }
        int length = config.videoLength() == null ? DEFAULTS.lengthSeconds : config.videoLength();
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw invalid(
                    "invalid_video_length",
                    "video_length",
                    "video_length must be an integer between " + MIN_LENGTH + " and " + MAX_LENGTH + " (seconds)");
        }
        String resolution = config.resolution() == null
                ? DEFAULTS.resolution
                : config.resolution().trim().toUpperCase(Locale.ROOT);
        if (!RESOLUTIONS.contains(resolution)) {
            throw invalid("invalid_resolution", "resolution", "resolution must be one of " + RESOLUTIONS);
        }
        String preset = config.preset() == null || config.preset().isBlank()
                ? DEFAULTS.preset
                : config.preset().trim().toLowerCase(Locale.ROOT);
        if (!MODE_FLAGS.containsKey(preset)) {
            throw invalid("invalid_preset", "preset", "preset must be one of [fun, normal, spicy, custom]");
        }
        return new VideoOptions(ratio, length, resolution, preset);
    }

    /** The flag appended to the prompt for the preset, e.g. {@code --mode=custom}. */
    public String modeFlag() {
        return MODE_FLAGS.get(preset);
    }

    private static InvalidRequestException invalid(String code, String field, String message) {
        return new InvalidRequestException(code, "video_config." + field, message);
    }
}
