package dev.grok2api.core.error;

import java.time.Duration;

/**
 * A limit on this side of the gateway was hit (HTTP 429): no usable Grok account in the pool, a client key's daily
 * quota, its per-minute rate or concurrency, or the admin login throttle. Upstream (Grok) rate limits are {@link
 * UpstreamRateLimitedException}.
 */
public class RateLimitException extends Grok2ApiException {
    private final Duration retryAfter;

    /**
     * @param code machine-readable code such as {@code rate_limit_exceeded}
     * @param message what limit was hit and what to do
     * @param retryAfter when a retry may succeed, or null if unknown
     */
    public RateLimitException(String code, String message, Duration retryAfter) {
        super(429, ErrorCategory.RATE_LIMIT, code, null, message, null, null);
        this.retryAfter = retryAfter;
    }

    /** When a retry may succeed, or null if unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** No Grok account in the pool can serve the request right now. */
    public static RateLimitException noTokenAvailable() {
        return new RateLimitException(
                "rate_limit_exceeded",
                "No available tokens. Please try again later. (Every Grok account that can serve this model is"
                        + " cooling down, out of quota, disabled or invalid: add accounts in the admin panel or wait"
                        + " for quotas to reset.)",
                null);
    }
}
