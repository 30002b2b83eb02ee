package dev.grok2api.core.token;

import java.util.Locale;
import java.util.Optional;

/** Lifecycle state of an account. */
public enum TokenStatus {
    /** Usable. */
    ACTIVE,
    /** Out of quota or in a cooldown; usable again once the quota window resets. */
    COOLING,
    /** Grok rejected the account (expired cookie, blocked, failed too often). Needs operator action. */
    INVALID,
    /** Switched off by the operator. */
    DISABLED;

    /** The lower-case wire name, e.g. {@code "cooling"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; the reference's {@code expired} is an alias of {@link #INVALID}. */
    public static Optional<TokenStatus> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "active" -> Optional.of(ACTIVE);
            case "cooling" -> Optional.of(COOLING);
            case "invalid", "expired" -> Optional.of(INVALID);
            case "disabled" -> Optional.of(DISABLED);
            default -> Optional.empty();
        };
    }
}
