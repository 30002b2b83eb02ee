package dev.grok2api.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A page request over the pool for admin listings. All filters are optional (null means "any") and combine with AND.
 *
 * @param pool only this pool, or null
 * @param status only this status, or null; {@link TokenStatus#COOLING} also matches accounts whose cooldown is in
 *     force at {@code now}
 * @param tag only accounts carrying this tag, or null
 * @param text case-insensitive substring of the token or the note, or null
 * @param now the instant cooldowns are judged against, never null
 * @param sort ordering, never null
 * @param offset rows to skip, {@code >= 0}
 * @param limit maximum rows, 1..1000
 */
public record TokenQuery(
        TokenPool pool,
        TokenStatus status,
        String tag,
        String text,
        Instant now,
        TokenSort sort,
        int offset,
        int limit) {
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    public TokenQuery {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (tag != null && tag.isBlank()) {
            tag = null;
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
    }

    /** The first {@code limit} accounts in creation order, unfiltered. */
    public static TokenQuery firstPage(Instant now, int limit) {
        return new TokenQuery(null, null, null, null, now, TokenSort.CREATED_ASC, 0, limit);
    }
}
