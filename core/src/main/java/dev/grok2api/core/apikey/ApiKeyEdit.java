package dev.grok2api.core.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An operator's edit of one key. Null fields are left unchanged.
 *
 * @param name new name, or null
 * @param enabled enable or disable, or null
 * @param expiresAt new expiry, or null (see {@code clearExpiry})
 * @param clearExpiry remove the expiry (the key never expires); wins over {@code expiresAt}
 * @param limits new daily limits, or null
 * @param allowedModels new model allow-list (empty: every model), or null
 * @param requestsPerMinute new rate limit ({@code -1} unlimited), or null
 * @param maxConcurrency new concurrency limit ({@code -1} unlimited), or null
 */
public record ApiKeyEdit(
        String name,
        Boolean enabled,
        Instant expiresAt,
        boolean clearExpiry,
        DailyLimits limits,
        List<String> allowedModels,
        Integer requestsPerMinute,
        Integer maxConcurrency) {
    public ApiKeyEdit {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
    }

    /** An edit that changes nothing; combine with the {@code with…} methods. */
    public static ApiKeyEdit none() {
        return new ApiKeyEdit(null, null, null, false, null, null, null, null);
    }

    public ApiKeyEdit withName(String newName) {
        return new ApiKeyEdit(
                newName, enabled, expiresAt, clearExpiry, limits, allowedModels, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withEnabled(boolean on) {
        return new ApiKeyEdit(
                name, on, expiresAt, clearExpiry, limits, allowedModels, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withExpiresAt(Instant at) {
        return new ApiKeyEdit(name, enabled, at, false, limits, allowedModels, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withoutExpiry() {
        return new ApiKeyEdit(name, enabled, null, true, limits, allowedModels, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withLimits(DailyLimits newLimits) {
        return new ApiKeyEdit(
                name, enabled, expiresAt, clearExpiry, newLimits, allowedModels, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withAllowedModels(List<String> models) {
        return new ApiKeyEdit(name, enabled, expiresAt, clearExpiry, limits, models, requestsPerMinute, maxConcurrency);
    }

    public ApiKeyEdit withRequestsPerMinute(int rpm) {
        return new ApiKeyEdit(name, enabled, expiresAt, clearExpiry, limits, allowedModels, rpm, maxConcurrency);
    }

    public ApiKeyEdit withMaxConcurrency(int concurrency) {
        return new ApiKeyEdit(
                name, enabled, expiresAt, clearExpiry, limits, allowedModels, requestsPerMinute, concurrency);
    }

    /** This edit applied to {@code key}; the shared semantics every store uses. */
    public ApiKey applyTo(ApiKey key) {
        return new ApiKey(
                key.id(),
                key.keyHash(),
                key.mask(),
                name == null ? key.name() : name,
                enabled == null ? key.enabled() : enabled,
                key.createdAt(),
                clearExpiry ? null : expiresAt == null ? key.expiresAt() : expiresAt,
                limits == null ? key.limits() : limits,
                allowedModels == null ? key.allowedModels() : allowedModels,
                requestsPerMinute == null ? key.requestsPerMinute() : requestsPerMinute,
                maxConcurrency == null ? key.maxConcurrency() : maxConcurrency);
    }
}
