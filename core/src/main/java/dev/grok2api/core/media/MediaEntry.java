package dev.grok2api.core.media;

import java.time.Instant;
import java.util.Objects;

/**
 * A file of the media cache as a listing shows it.
 *
 * @param kind image or video
 * @param name the safe file name
 * @param size bytes
 * @param modified when it was written, never null
 */
public record MediaEntry(MediaKind kind, String name, long size, Instant modified) {
    public MediaEntry {
        Objects.requireNonNull(kind, "kind");
        MediaNames.requireSafe(name);
        Objects.requireNonNull(modified, "modified");
    }

    /** The file stem: the name without its last extension ({@code abc.mp4} → {@code abc}). */
    public String stem() {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
