package dev.grok2api.core.port;

import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import java.time.Instant;

/**
 * The per-request log shown in the admin data center. Rows are appended, listed, and removed only by {@link #clear}
 * or retention. Thread-safe. Storage failures surface as {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface RequestLogStore {

    /**
     * Appends one row.
     *
     * @return the id the store assigned; ids increase in append order
     */
    long append(RequestLogEntry entry);

    /** One page of rows, newest first, plus the total number of matches. */
    RequestLogPage list(RequestLogQuery query);

    /**
     * Deletes every row.
     *
     * @return how many were deleted
     */
    int clear();

    /**
     * Deletes rows older than {@code cutoff} (retention).
     *
     * @return how many were deleted
     */
    int pruneBefore(Instant cutoff);
}
