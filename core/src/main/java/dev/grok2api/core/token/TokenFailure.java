package dev.grok2api.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The last failure recorded against an account, shown to operators so its state is explained.
 *
 * @param code machine-readable error code, e.g. {@code upstream_invalid_credentials}
 * @param message secret-free human message, at most 500 characters
 * @param at when it happened
 */
public record TokenFailure(String code, String message, Instant at) {
    /** Longest message kept. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    public TokenFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH);
        }
    }
}
