package dev.grok2api.testkit.fake;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.storage.StoreArguments;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link UsageStore} in memory, faithful to the port's contract (it passes {@code UsageStoreContract}).
 * Thread-safe: every operation holds the store's monitor, which makes check-and-charge atomic.
 */
public final class InMemoryUsageStore implements UsageStore {
    private record Key(String keyId, LocalDate day) {}

    private final Map<Key, DailyUsage> usage = new HashMap<>();

    @Override
    public synchronized ChargeResult charge(String keyId, LocalDate day, List<UsageCharge> charges, Instant now) {
        List<UsageCharge> checked = StoreArguments.requireDistinctBuckets(charges);
        DailyUsage current = usage(keyId, day);
        for (UsageCharge charge : checked) {
            if (!charge.fits(current.used(charge.bucket()))) {
                return new ChargeResult(false, charge.bucket(), current);
            }
        }
        DailyUsage updated = current;
        for (UsageCharge charge : checked) {
            updated = updated.plus(charge.bucket(), charge.amount());
        }
        usage.put(new Key(keyId, day), updated);
        return new ChargeResult(true, null, updated);
    }

    @Override
    public synchronized DailyUsage refund(String keyId, LocalDate day, Map<UsageBucket, Integer> amounts, Instant now) {
        DailyUsage updated = usage(keyId, day);
        for (Map.Entry<UsageBucket, Integer> amount : amounts.entrySet()) {
            updated = updated.plus(amount.getKey(), -Math.max(0, amount.getValue()));
        }
        usage.put(new Key(keyId, day), updated);
        return updated;
    }

    @Override
    public synchronized DailyUsage usage(String keyId, LocalDate day) {
        return usage.getOrDefault(new Key(keyId, day), DailyUsage.zero(keyId, day));
    }

    @Override
    public synchronized Map<String, DailyUsage> usageOn(LocalDate day, Collection<String> keyIds) {
        Map<String, DailyUsage> result = new LinkedHashMap<>();
        for (String keyId : keyIds) {
            result.put(keyId, usage(keyId, day));
        }
        return result;
    }

    @Override
    public synchronized int pruneBefore(LocalDate day) {
        int before = usage.size();
        usage.keySet().removeIf(k -> k.day().isBefore(day));
        return before - usage.size();
    }
}
