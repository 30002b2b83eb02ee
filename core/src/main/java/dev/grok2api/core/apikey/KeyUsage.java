package dev.grok2api.core.apikey;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.usage.DailyUsage;
import java.util.Objects;

/**
 * A key with what it used today, for the admin key list.
 *
 * @param key the key
 * @param today its usage on the current quota day
 */
public record KeyUsage(ApiKey key, DailyUsage today) {
    public KeyUsage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(today, "today");
    }

    /** What is left today in the bucket, or null when the bucket is unlimited. */
    public Long remaining(UsageBucket bucket) {
        int limit = key.limits().limitFor(bucket);
        return limit < 0 ? null : Math.max(0, limit - today.used(bucket));
    }
}
