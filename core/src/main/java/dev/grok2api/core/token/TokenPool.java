package dev.grok2api.core.token;

import java.util.Optional;

/** The two account pools. Wire names are the reference's storage names. */
public enum TokenPool {
    /** Basic Grok accounts. */
    BASIC("ssoBasic", "sso"),
    /** SuperGrok accounts: the only pool that serves the heavy model. */
    SUPER("ssoSuper", "ssoSuper");

    private final String wireName;
    private final String tokenType;

    TokenPool(String wireName, String tokenType) {
        this.wireName = wireName;
        this.tokenType = tokenType;
    }

    /** The storage and admin-API name, {@code ssoBasic} or {@code ssoSuper}. */
    public String wireName() {
        return wireName;
    }

    /** The reference UI's token type, {@code sso} or {@code ssoSuper}. */
    public String tokenType() {
        return tokenType;
    }

    /** Parses {@code ssoBasic}/{@code ssoSuper} (also the token types {@code sso}/{@code supersso}). */
    public static Optional<TokenPool> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim()) {
            case "ssoBasic", "sso", "basic" -> Optional.of(BASIC);
            case "ssoSuper", "supersso", "super" -> Optional.of(SUPER);
            default -> Optional.empty();
        };
    }
}
