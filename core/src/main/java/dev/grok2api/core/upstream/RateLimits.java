package dev.grok2api.core.upstream;

/**
 * An account's quota for one model as Grok's rate-limit endpoint reports it.
 *
 * @param remaining queries left in the current window ({@code remainingTokens}, else {@code remainingQueries}), or
 *     -1 when Grok did not say
 * @param total queries per window ({@code totalQueries}), or -1 when unknown
 * @param windowSeconds window length ({@code windowSizeSeconds}), or 0 when unknown
 */
public record RateLimits(int remaining, int total, long windowSeconds) {
    /** Whether Grok reported the remaining count. */
    public boolean known() {
        return remaining >= 0;
    }
}
