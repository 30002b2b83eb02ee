package dev.grok2api.core.requestlog;

import java.util.Objects;

/**
 * One served request. Contains no secrets: the key is named, the Grok account is reduced to a suffix.
 *
 * @param at when the request arrived
 * @param clientIp the client's address as the server saw it, never null (may be empty)
 * @param keyName name of the client key, or empty for the global key / open mode
 * @param model the requested model id, never null
 * @param status the HTTP status answered
 * @param durationMs total time to serve, {@code >= 0}
 * @param firstByteMs time to the first byte sent to the client, or {@code -1} when none was sent
 * @param tokenSuffix last characters of the Grok account used, or empty
 * @param errorCode the error code sent to the client, or empty on success
 */
public record RequestLogEntry(
        java.time.Instant at,
        String clientIp,
        String keyName,
        String model,
        int status,
        long durationMs,
        long firstByteMs,
        String tokenSuffix,
        String errorCode) {
    /** Longest error code kept. */
    public static final int MAX_ERROR_CODE_LENGTH = 128;

    public RequestLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenSuffix, "tokenSuffix");
        Objects.requireNonNull(errorCode, "errorCode");
        if (durationMs < 0 || firstByteMs < -1) {
            throw new IllegalArgumentException("durations must be >= 0 (first byte: -1 for none)");
        }
        if (errorCode.length() > MAX_ERROR_CODE_LENGTH) {
            errorCode = errorCode.substring(0, MAX_ERROR_CODE_LENGTH);
        }
    }

    /** Whether the request succeeded (status 200–399). */
    public boolean success() {
        return status >= 200 && status < 400;
    }
}
