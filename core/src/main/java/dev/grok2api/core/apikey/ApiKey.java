package dev.grok2api.core.apikey;

import dev.grok2api.core.secret.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A managed client API key. The key itself is never stored: only its SHA-256 hash (to authenticate) and a mask (to
 * show operators which key a row is).
 *
 * @param id stable identifier chosen at creation (used by the admin API and usage records), never blank
 * @param keyHash lower-case hex SHA-256 of the key, see {@link #hashOf}
 * @param mask display form of the key, e.g. {@code sk-abc…wxyz}
 * @param name operator-given name, never null
 * @param enabled whether the key authenticates
 * @param createdAt when it was created
 * @param expiresAt when it stops authenticating, or null for never
 * @param limits per-day limits
 * @param allowedModels model ids the key may use; empty means every model
 * @param requestsPerMinute most requests per minute, or {@link #UNLIMITED}
 * @param maxConcurrency most requests in flight at once, or {@link #UNLIMITED}
 */
public record ApiKey(
        String id,
        String keyHash,
        String mask,
        String name,
        boolean enabled,
        Instant createdAt,
        Instant expiresAt,
        DailyLimits limits,
        List<String> allowedModels,
        int requestsPerMinute,
        int maxConcurrency) {
    /** Marker for "no limit" on rate and concurrency. */
    public static final int UNLIMITED = -1;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("api key id must not be blank");
        }
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(limits, "limits");
        allowedModels = List.copyOf(allowedModels);
        if (requestsPerMinute < UNLIMITED || maxConcurrency < UNLIMITED) {
            throw new IllegalArgumentException("requestsPerMinute and maxConcurrency must be -1 (unlimited) or >= 0");
        }
    }

    /**
     * A new enabled key with no expiry, no model restriction and no rate limits.
     *
     * @param rawKey the key as clients will send it; only its hash and mask are kept
     */
    public static ApiKey create(String id, String rawKey, String name, DailyLimits limits, Instant createdAt) {
        return new ApiKey(
                id, hashOf(rawKey), Secrets.mask(rawKey), name, true, createdAt, null, limits, List.of(), -1, -1);
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes: what stores index and auth looks up. */
    public static String hashOf(String rawKey) {
        Objects.requireNonNull(rawKey, "rawKey");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether the key authenticates at {@code now}: enabled and not expired. */
    public boolean usableAt(Instant now) {
        return enabled && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Whether the key may call this model. */
    public boolean allows(String modelId) {
        return allowedModels.isEmpty() || allowedModels.contains(modelId);
    }
}
