package dev.grok2api.core.apikey;

/**
 * A page request over the managed keys, newest first (ties by id). Filters are optional and combine with AND.
 *
 * @param text case-insensitive substring of the name or the mask, or null
 * @param enabled only enabled ({@code true}) or disabled ({@code false}) keys, or null for both
 * @param offset rows to skip, {@code >= 0}
 * @param limit maximum rows, 1..1000
 */
public record ApiKeyQuery(String text, Boolean enabled, int offset, int limit) {
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    public ApiKeyQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
    }

    /** The newest {@code limit} keys, unfiltered. */
    public static ApiKeyQuery firstPage(int limit) {
        return new ApiKeyQuery(null, null, 0, limit);
    }
}
