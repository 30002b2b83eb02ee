package dev.grok2api.core.image;

import java.util.Objects;

/**
 * One image delivered to the client.
 *
 * @param index its position in the response, 0-based
 * @param value the cache URL or the bare base64, per the request's {@link ImageFormat}, never null
 */
public record GeneratedImage(int index, String value) {
    public GeneratedImage {
        Objects.requireNonNull(value, "value");
    }
}
