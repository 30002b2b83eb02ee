package dev.grok2api.core.requestlog;

/**
 * A page request over the log, newest first (by time, then id). Filters are optional and combine with AND.
 *
 * @param status only this exact HTTP status, or null
 * @param success only successes ({@code true}: 200–399) or failures ({@code false}), or null for both
 * @param model only this model id, or null
 * @param keyName only this key name, or null
 * @param offset rows to skip, {@code >= 0}
 * @param limit maximum rows, 1..1000
 */
public record RequestLogQuery(Integer status, Boolean success, String model, String keyName, int offset, int limit) {
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    public RequestLogQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** The newest {@code limit} rows, unfiltered. */
    public static RequestLogQuery newest(int limit) {
        return new RequestLogQuery(null, null, null, null, 0, limit);
    }
}
