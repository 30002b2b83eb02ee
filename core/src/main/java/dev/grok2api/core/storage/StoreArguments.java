package dev.grok2api.core.storage;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Argument checks every store adapter applies the same way, so invalid calls fail alike on every backend. */
public final class StoreArguments {
    /** Longest lock name or owner. */
    public static final int MAX_LOCK_NAME_LENGTH = 128;

    private StoreArguments() {}

    /**
     * Checks the arguments of {@link dev.grok2api.core.port.LockService#tryAcquire}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static void requireLock(String name, String owner, Duration ttl) {
        requireLockName(name, "name");
        requireLockName(owner, "owner");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("lock ttl must be at least 1 ms, got " + ttl);
        }
    }

    /** Checks a lock name or owner: 1..{@value #MAX_LOCK_NAME_LENGTH} characters. */
    public static String requireLockName(String value, String what) {
        if (value == null || value.isEmpty() || value.length() > MAX_LOCK_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "lock " + what + " must have 1.." + MAX_LOCK_NAME_LENGTH + " characters, got " + value);
        }
        return value;
    }

    /**
     * Checks that no bucket is charged twice.
     *
     * @throws IllegalArgumentException naming the repeated bucket
     */
    public static List<UsageCharge> requireDistinctBuckets(List<UsageCharge> charges) {
        Set<UsageBucket> seen = EnumSet.noneOf(UsageBucket.class);
        for (UsageCharge charge : charges) {
            if (!seen.add(charge.bucket())) {
                throw new IllegalArgumentException("bucket " + charge.bucket() + " is charged twice in one call");
            }
        }
        return List.copyOf(charges);
    }
}
