package dev.grok2api.grok.client.internal;

import dev.grok2api.core.upstream.RateLimits;
import java.util.Map;

/**
 * Reads Grok's rate-limit answer. The reference reads {@code remainingTokens}; newer sites send {@code
 * remainingQueries}/{@code totalQueries}/{@code windowSizeSeconds}: both are understood.
 */
public final class RateLimitsReader {
    private RateLimitsReader() {}

    /** Parses the body; unknown or missing fields read as unknown. */
    public static RateLimits read(String body) {
        Object json = Json.parse(body.strip());
        if (!(json instanceof Map<?, ?>)) {
            return new RateLimits(-1, -1, 0);
        }
        int remaining = Json.integer(json, "remainingTokens", Json.integer(json, "remainingQueries", -1));
        int total = Json.integer(json, "totalQueries", Json.integer(json, "totalTokens", -1));
        long window = Math.max(0, Json.integer(json, "windowSizeSeconds", 0));
        return new RateLimits(Math.max(-1, remaining), Math.max(-1, total), window);
    }
}
