package dev.grok2api.core.media;

import java.util.Locale;

/** The two kinds of cached media; each has its own directory and route ({@code /v1/files/<kind>/<name>}). */
public enum MediaKind {
    IMAGE,
    VIDEO;

    /** {@code image} or {@code video}, as in routes and directory names. */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The content type to assume for a file name when none was recorded. */
    public String contentTypeFor(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        if (lower.endsWith(".mp4") || this == VIDEO && !lower.endsWith(".jpg") && !lower.endsWith(".jpeg")) {
            return "video/mp4";
        }
        return "image/jpeg";
    }
}
