package dev.grok2api.core.error;

/**
 * The broad class of a failure, independent of any wire format. Adapters map a category to their own error
 * vocabulary (the OpenAI envelope's {@code type}, an HTTP status, a websocket close code).
 */
public enum ErrorCategory {
    /** The client sent something the service cannot accept; retrying the same request will fail again. */
    INVALID_REQUEST,
    /** The caller is not authenticated. */
    AUTHENTICATION,
    /** The caller is authenticated but not allowed to do this. */
    PERMISSION,
    /** The named resource does not exist. */
    NOT_FOUND,
    /** A limit was hit: no usable Grok account, a daily key quota, a login throttle, or Grok's own rate limit. */
    RATE_LIMIT,
    /** Grok (or the network to it) failed; the request itself was fine. */
    UPSTREAM,
    /** Grok did not answer in time. */
    TIMEOUT,
    /** The service cannot serve right now (storage down, shutting down). */
    UNAVAILABLE,
    /** A bug or an unexpected condition inside this service. */
    INTERNAL
}
