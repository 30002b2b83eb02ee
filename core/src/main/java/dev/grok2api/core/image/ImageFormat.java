package dev.grok2api.core.image;

import java.util.Locale;
import java.util.Optional;

/** How generated images are handed to the client. */
public enum ImageFormat {
    /** A link to the local media cache. */
    URL("url"),
    /** Bare base64 of the file, in a field named {@code base64} (the reference's own name). */
    BASE64("base64"),
    /** Bare base64 of the file, in OpenAI's {@code b64_json} field. Never carries a {@code data:} prefix. */
    B64_JSON("b64_json");

    private final String wireName;

    ImageFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code response_format} value, which is also the name of the field carrying each image. */
    public String wireName() {
        return wireName;
    }

    /** The format a {@code response_format} value names (case-insensitive), or empty. */
    public static Optional<ImageFormat> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.wireName.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
