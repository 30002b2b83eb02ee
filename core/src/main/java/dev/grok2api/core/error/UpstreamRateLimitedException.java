package dev.grok2api.core.error;

import java.time.Duration;

/**
 * Grok rate-limited the account (HTTP 429, or an in-band "too many requests" / usage-limit error). The account cools
 * down until its quota window resets and another one is tried; when none is left the client gets 429 {@code
 * upstream_rate_limited} with the retry hint.
 */
public final class UpstreamRateLimitedException extends UpstreamException {
    private final Duration retryAfter;

    /**
     * @param upstreamStatus 429, or 200 for an in-band error
     * @param retryAfter Grok's {@code Retry-After}, or null when it sent none
     * @param internalDetail truncated body for logs, or null
     */
    public UpstreamRateLimitedException(int upstreamStatus, Duration retryAfter, String internalDetail) {
        super(
                429,
                ErrorCategory.RATE_LIMIT,
                "upstream_rate_limited",
                upstreamStatus,
                "Grok rate-limited the account (quota for this model used up). Other accounts were tried where"
                        + " available; add accounts or retry after the quota window resets.",
                internalDetail,
                null);
        this.retryAfter = retryAfter;
    }

    /** Grok's retry hint, or null when it sent none. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
