package dev.grok2api.core.chat;

import java.util.Locale;
import java.util.Optional;

/** The author of a chat message. Only these four roles are accepted from clients. */
public enum Role {
    DEVELOPER,
    SYSTEM,
    USER,
    ASSISTANT;

    /** The lower-case wire name, e.g. {@code "user"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @param name e.g. {@code "assistant"}; null yields empty
     * @return the role, or empty if the name is not one of the four accepted roles
     */
    public static Optional<Role> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
