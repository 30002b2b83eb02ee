package dev.grok2api.core.apikey;

import java.util.Objects;

/**
 * A key just created: the stored record plus the key itself, which is shown this once and never again.
 *
 * @param key the stored record (hash and mask only)
 * @param rawKey the key as clients must send it
 */
public record CreatedApiKey(ApiKey key, String rawKey) {
    public CreatedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rawKey, "rawKey");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + key.id() + ", mask=" + key.mask() + "]";
    }
}
