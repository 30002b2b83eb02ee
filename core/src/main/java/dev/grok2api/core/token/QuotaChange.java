package dev.grok2api.core.token;

import java.util.Objects;

/** How a use of an account changes one of its quota buckets. */
public sealed interface QuotaChange {

    /**
     * Grok reported the bucket's state (a rate-limit sync succeeded).
     *
     * @param quota the bucket as Grok reported it
     * @param asOfUse the account's use count when the sync was started, or {@link #ANY_USE}. A sync asked for after a
     *     use reflects that use and every earlier one, but it may land after a later use (on another instance, say)
     *     has been recorded; {@link dev.grok2api.core.port.TokenStore#recordSync} then leaves the bucket alone, because
     *     the later use's own sync is on its way and this one would put back a stale, higher count
     */
    record Synced(Quota quota, int asOfUse) implements QuotaChange {
        /** {@link #asOfUse()} of a sync that applies whatever uses were recorded since (an operator's refresh). */
        public static final int ANY_USE = -1;

        public Synced {
            Objects.requireNonNull(quota, "quota");
            if (asOfUse < ANY_USE) {
                throw new IllegalArgumentException("asOfUse must be >= 0 or ANY_USE, got " + asOfUse);
            }
        }

        /** A sync that applies unconditionally. */
        public Synced(Quota quota) {
            this(quota, ANY_USE);
        }

        /** Whether a later use than the one this sync was started after has been recorded on {@code account}. */
        public boolean supersededBy(GrokToken account) {
            return asOfUse != ANY_USE && account.useCount() > asOfUse;
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
