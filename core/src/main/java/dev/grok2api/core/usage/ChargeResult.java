package dev.grok2api.core.usage;

import dev.grok2api.core.model.UsageBucket;
import java.util.Objects;

/**
 * The outcome of a check-and-charge.
 *
 * @param charged whether every bucket was charged (all or nothing)
 * @param exceeded the first bucket, in the order given, that would have exceeded its limit; null when charged
 * @param usage the key's usage for the day after the call (unchanged when not charged)
 */
public record ChargeResult(boolean charged, UsageBucket exceeded, DailyUsage usage) {
    public ChargeResult {
        Objects.requireNonNull(usage, "usage");
        if (charged != (exceeded == null)) {
            throw new IllegalArgumentException("exactly one of charged and exceeded must be set");
        }
    }
}
