package dev.grok2api.core.error;

/**
 * Grok answered 5xx, or the connection to it failed (HTTP 502, code {@code upstream_error}). Another account, or the
 * same one a little later, may succeed.
 */
public final class UpstreamUnavailableException extends UpstreamException {
    /**
     * @param upstreamStatus the 5xx status, or 0 for a connection failure
     * @param publicMessage cause and fix
     * @param internalDetail truncated body or I/O message for logs, or null
     * @param cause underlying cause, or null
     */
    public UpstreamUnavailableException(
            int upstreamStatus, String publicMessage, String internalDetail, Throwable cause) {
        super(502, ErrorCategory.UPSTREAM, "upstream_error", upstreamStatus, publicMessage, internalDetail, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
