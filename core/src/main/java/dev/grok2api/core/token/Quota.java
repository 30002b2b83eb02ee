package dev.grok2api.core.token;

/**
 * What is left of one of an account's Grok quota buckets.
 *
 * @param remaining queries left in the current window, or {@link #UNKNOWN}
 * @param total queries per window, or {@link #UNKNOWN}
 * @param windowSeconds window length in seconds, or 0 when unknown
 */
public record Quota(int remaining, int total, long windowSeconds) {
    /** Marker for an unknown count. */
    public static final int UNKNOWN = -1;

    /** A bucket about which nothing is known. */
    public static final Quota UNKNOWN_QUOTA = new Quota(UNKNOWN, UNKNOWN, 0);

    /** The reference's starting estimate for a new basic account: 80 queries per 20 h window. */
    public static final Quota NEW_ACCOUNT = new Quota(80, UNKNOWN, 0);

    public Quota {
        if (remaining < UNKNOWN || total < UNKNOWN || windowSeconds < 0) {
            throw new IllegalArgumentException("negative quota values other than UNKNOWN: " + remaining + "/" + total);
        }
    }

    /** Whether the remaining count is known. */
    public boolean known() {
        return remaining != UNKNOWN;
    }

    /** Whether the remaining count is known to be zero. */
    public boolean exhausted() {
        return remaining == 0;
    }

    /** A copy with {@code remaining} replaced. */
    public Quota withRemaining(int newRemaining) {
        return new Quota(newRemaining, total, windowSeconds);
    }
}
