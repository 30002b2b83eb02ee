package dev.grok2api.core.token;

import java.util.List;
import java.util.Objects;

/**
 * One account as an operator supplies it for import or for the full-map compatibility form. Only {@code raw} is
 * required; every other field is null when not given.
 *
 * @param raw the pasted credential: a bare value, {@code sso=…}, or a cookie string
 * @param pool the pool, or null for the import's default pool
 * @param status the initial status of a new account, or null for active
 * @param quota the initial normal quota of a new account, or null for the default estimate
 * @param heavyQuota the initial heavy quota of a new account, or null for unknown
 * @param note the note, or null
 * @param tags the tags, or null
 */
public record TokenImport(
        String raw, TokenPool pool, TokenStatus status, Quota quota, Quota heavyQuota, String note, List<String> tags) {
    public TokenImport {
        Objects.requireNonNull(raw, "raw");
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** A copy for this pool. */
    public TokenImport withPool(TokenPool newPool) {
        return new TokenImport(raw, newPool, status, quota, heavyQuota, note, tags);
    }

    /** Just a credential, into the import's default pool. */
    public static TokenImport of(String raw) {
        return new TokenImport(raw, null, null, null, null, null, null);
    }
}
