package dev.grok2api.core.token;

import java.util.Objects;

/** How a use of an account changes one of its quota buckets. */
public sealed interface QuotaChange {

    /** Grok reported the bucket's state (a rate-limit sync succeeded). */
    record Synced(Quota quota) implements QuotaChange {
        public Synced {
            Objects.requireNonNull(quota, "quota");
        }
    }

    /**
     * The sync failed: subtract a local estimate from the remaining count (never below zero; an unknown count stays
     * unknown).
     */
    record Estimated(int cost) implements QuotaChange {
        public Estimated {
            if (cost < 0) {
                throw new IllegalArgumentException("cost must be >= 0");
            }
        }
    }
}
