package dev.grok2api.core.image;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The aspect ratios Grok generates, and the reference's table from OpenAI {@code size} values to them. */
public final class AspectRatio {
    /** The ratios Grok accepts. */
    public static final Set<String> SUPPORTED = Set.of("1:1", "16:9", "9:16", "2:3", "3:2");

    /** What an unknown size maps to. */
    public static final String DEFAULT = "2:3";

    private static final Map<String, String> SIZES = Map.ofEntries(
            Map.entry("1024x1024", "1:1"),
            Map.entry("512x512", "1:1"),
            Map.entry("1024x576", "16:9"),
            Map.entry("1280x720", "16:9"),
            Map.entry("1536x864", "16:9"),
            Map.entry("576x1024", "9:16"),
            Map.entry("720x1280", "9:16"),
            Map.entry("864x1536", "9:16"),
            Map.entry("1024x1536", "2:3"),
            Map.entry("1024x1792", "2:3"),
            Map.entry("512x768", "2:3"),
            Map.entry("768x1024", "2:3"),
            Map.entry("1536x1024", "3:2"),
            Map.entry("1792x1024", "3:2"),
            Map.entry("768x512", "3:2"),
            Map.entry("1024x768", "3:2"));

    private AspectRatio() {}

    /**
     * The ratio for a {@code size} or ratio value: supported ratios pass through, known sizes map by the table,
     * anything else (or null) is {@value #DEFAULT}.
     */
    public static String fromSize(String size) {
        if (size == null) {
            return DEFAULT;
        }
        String value = size.trim().toLowerCase(Locale.ROOT);
        if (SUPPORTED.contains(value)) {
            return value;
        }
        return SIZES.getOrDefault(value, DEFAULT);
    }
}
