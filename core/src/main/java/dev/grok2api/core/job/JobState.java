package dev.grok2api.core.job;

import java.util.Locale;

/** Where a job is in its life. */
public enum JobState {
    /** Items are being processed. */
    RUNNING,
    /** Cancel was requested; items already started are finishing. */
    CANCELLING,
    /** Every item was processed (some may have failed). */
    COMPLETED,
    /** Stopped on request before every item was processed. */
    CANCELLED,
    /** Could not run at all (e.g. the executor refused it). */
    FAILED;

    /** The lower-case wire name, e.g. {@code "running"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job has stopped for good. */
    public boolean finished() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
