package dev.grok2api.core.error;

import java.time.Duration;

/**
 * Grok did not answer in time (HTTP 504, code {@code upstream_timeout}). The {@link Phase} tells which of the
 * configured stream timeouts expired.
 */
public final class UpstreamTimeoutException extends UpstreamException {
    /** Which timeout expired. */
    public enum Phase {
        /** Nothing arrived within {@code grok.first_byte_timeout}. */
        FIRST_BYTE,
        /** The stream went silent for longer than {@code grok.idle_timeout}. */
        IDLE,
        /** The whole answer took longer than {@code grok.total_timeout}. */
        TOTAL
    }

    private final Phase phase;

    /**
     * @param phase which timeout expired
     * @param limit the configured limit that was exceeded
     * @param cause underlying I/O exception, or null
     */
    public UpstreamTimeoutException(Phase phase, Duration limit, Throwable cause) {
        super(
                504,
                ErrorCategory.TIMEOUT,
                "upstream_timeout",
                0,
                switch (phase) {
                    case FIRST_BYTE ->
                        "Grok sent nothing within " + limit.toSeconds()
                                + " s (grok.first_byte_timeout). Grok may be overloaded; retry, or raise the timeout.";
                    case IDLE ->
                        "Grok's stream stalled for more than " + limit.toSeconds()
                                + " s (grok.idle_timeout). Retry, or raise the timeout.";
                    case TOTAL ->
                        "Grok's answer took longer than " + limit.toSeconds()
                                + " s (grok.total_timeout). Retry, or raise the timeout.";
                },
                null,
                cause);
        this.phase = phase;
    }

    /** Which timeout expired. */
    public Phase phase() {
        return phase;
    }

    @Override
    public boolean retriable() {
        return phase == Phase.FIRST_BYTE;
    }
}
