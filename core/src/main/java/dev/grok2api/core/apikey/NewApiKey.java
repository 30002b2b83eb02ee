package dev.grok2api.core.apikey;

import java.time.Instant;
import java.util.List;

/**
 * What an operator asks for when creating a key. Null fields take their defaults.
 *
 * @param name the name, or null/blank for a generated {@code key-xxxxxxxx}
 * @param rawKey a custom key, or null/blank for a generated {@code sk-} key
 * @param enabled whether it authenticates at once
 * @param limits daily limits, or null for none
 * @param expiresAt when it stops authenticating, or null for never
 * @param allowedModels model ids it may call (empty or null: every model)
 * @param requestsPerMinute most requests per minute, or {@code -1}
 * @param maxConcurrency most requests in flight, or {@code -1}
 */
public record NewApiKey(
        String name,
        String rawKey,
        boolean enabled,
        DailyLimits limits,
        Instant expiresAt,
        List<String> allowedModels,
        int requestsPerMinute,
        int maxConcurrency) {
    public NewApiKey {
        limits = limits == null ? DailyLimits.NONE : limits;
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }

    /** An enabled key with a generated value, no limits, no expiry. */
    public static NewApiKey named(String name) {
        return new NewApiKey(name, null, true, DailyLimits.NONE, null, List.of(), ApiKey.UNLIMITED, ApiKey.UNLIMITED);
    }

    /** A copy with these daily limits. */
    public NewApiKey withLimits(DailyLimits newLimits) {
        return new NewApiKey(
                name, rawKey, enabled, newLimits, expiresAt, allowedModels, requestsPerMinute, maxConcurrency);
    }

    /** A copy with a custom key value. */
    public NewApiKey withRawKey(String key) {
        return new NewApiKey(name, key, enabled, limits, expiresAt, allowedModels, requestsPerMinute, maxConcurrency);
    }

    /** A copy with another name. */
    public NewApiKey withName(String newName) {
        return new NewApiKey(
                newName, rawKey, enabled, limits, expiresAt, allowedModels, requestsPerMinute, maxConcurrency);
    }
}
