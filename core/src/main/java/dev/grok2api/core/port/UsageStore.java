package dev.grok2api.core.port;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Per-key daily usage counters. Shared by every instance on the same store; {@link #charge} is atomic across all
 * its buckets and across instances, so concurrent requests can never together exceed a limit. Thread-safe. Storage
 * failures surface as {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface UsageStore {

    /**
     * Checks every charge against its limit and, only if all fit, adds them all. A bucket is exceeded when {@code
     * used + amount > limit} (limit {@code -1}: never), so limit 0 blocks the bucket.
     *
     * @param keyId the key's id
     * @param day the quota day
     * @param charges the buckets to charge; each bucket at most once
     * @param now when (stamps the record's update time)
     * @return whether it was charged, the first exceeded bucket otherwise, and the day's usage afterwards
     * @throws IllegalArgumentException when a bucket appears twice
     */
    ChargeResult charge(String keyId, LocalDate day, List<UsageCharge> charges, Instant now);

    /**
     * Takes back amounts charged earlier (e.g. for a request that never reached Grok). Counters never go below zero.
     *
     * @return the day's usage afterwards
     */
    DailyUsage refund(String keyId, LocalDate day, Map<UsageBucket, Integer> amounts, Instant now);

    /** What the key used on the day; all zeros when nothing was recorded. */
    DailyUsage usage(String keyId, LocalDate day);

    /**
     * The usage of several keys on one day, for the admin key list.
     *
     * @return key id → usage, for every requested key (zeros where nothing was recorded)
     */
    Map<String, DailyUsage> usageOn(LocalDate day, Collection<String> keyIds);

    /**
     * Deletes the records of days before {@code day} (retention).
     *
     * @return how many key-day records were deleted
     */
    int pruneBefore(LocalDate day);
}
