package dev.grok2api.core.usage;

import dev.grok2api.core.model.UsageBucket;
import java.util.Objects;

/**
 * One bucket a request is charged to, with the limit it must stay within.
 *
 * @param bucket the bucket
 * @param amount how much to add, {@code >= 0}
 * @param limit the key's daily limit for the bucket, or {@code -1} for none; {@code used + amount > limit} exceeds it
 */
public record UsageCharge(UsageBucket bucket, int amount, int limit) {
    public UsageCharge {
        Objects.requireNonNull(bucket, "bucket");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        if (limit < -1) {
            throw new IllegalArgumentException("limit must be -1 (unlimited) or >= 0");
        }
    }

    /** Whether adding {@code amount} to {@code used} stays within the limit. */
    public boolean fits(long used) {
        return limit < 0 || used + amount <= limit;
    }
}
