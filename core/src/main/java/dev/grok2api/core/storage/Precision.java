package dev.grok2api.core.storage;

import dev.grok2api.core.apikey.ApiKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Every store keeps instants at millisecond precision; these give values the precision they read back with. */
public final class Precision {
    private Precision() {}

    /** The instant truncated to milliseconds, or null. */
    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The key with its instants truncated to milliseconds. */
    public static ApiKey millis(ApiKey k) {
        return new ApiKey(
                k.id(),
                k.keyHash(),
                k.mask(),
                k.name(),
                k.enabled(),
                millis(k.createdAt()),
                millis(k.expiresAt()),
                k.limits(),
                k.allowedModels(),
                k.requestsPerMinute(),
                k.maxConcurrency());
    }
}
