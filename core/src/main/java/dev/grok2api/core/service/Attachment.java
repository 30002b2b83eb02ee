package dev.grok2api.core.service;

import java.util.Objects;

/**
 * A file the client attached to a chat message, still as the client referenced it.
 *
 * @param kind what it is
 * @param reference an {@code http(s)} URL, a {@code data:} URI or bare base64
 * @param filename the client's file name, or null
 */
public record Attachment(Kind kind, String reference, String filename) {
    /** Attachment kinds; Grok receives non-image files before images. */
    public enum Kind {
        IMAGE,
        AUDIO,
        FILE
    }

    public Attachment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
    }
}
