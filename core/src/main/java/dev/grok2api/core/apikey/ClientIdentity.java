package dev.grok2api.core.apikey;

import java.util.Objects;

/**
 * Who is calling the client API.
 *
 * @param kind how the caller authenticated
 * @param key the managed key for {@link Kind#MANAGED}, else null
 */
public record ClientIdentity(Kind kind, ApiKey key) {
    /** The caller presented the global key {@code app.api_key}. */
    public static final ClientIdentity GLOBAL = new ClientIdentity(Kind.GLOBAL, null);

    /** No key is configured at all, so the API is open. */
    public static final ClientIdentity OPEN = new ClientIdentity(Kind.OPEN, null);

    /** How a caller authenticated. */
    public enum Kind {
        /** The global key: exempt from daily quotas and per-key limits. */
        GLOBAL,
        /** A managed key, with its limits. */
        MANAGED,
        /** Open mode: neither a global key nor an active managed key exists. */
        OPEN
    }

    public ClientIdentity {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MANAGED) != (key != null)) {
            throw new IllegalArgumentException("a key is required for MANAGED and only for MANAGED");
        }
    }

    /** A caller with a managed key. */
    public static ClientIdentity managed(ApiKey key) {
        return new ClientIdentity(Kind.MANAGED, Objects.requireNonNull(key, "key"));
    }

    /** The name request logs show: the managed key's name, or empty for the global key and open mode. */
    public String name() {
        return key == null ? "" : key.name();
    }
}
