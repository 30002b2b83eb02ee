package dev.grok2api.core.error;

/**
 * Grok (or the path to it) failed while the request itself was acceptable. Subtypes name the distinct causes an
 * operator must tell apart (invalid account, Cloudflare challenge, anti-bot rejection, blocked account, rate limit,
 * timeout, broken stream); this class itself stands for "Grok answered with an unexpected HTTP status".
 */
public class UpstreamException extends Grok2ApiException {
    private final int upstreamStatus;

    /**
     * @param status HTTP status for the client (502 unless a subtype says otherwise)
     * @param category broad class
     * @param code machine-readable code
     * @param upstreamStatus the HTTP status Grok answered with, or 0 when there was none
     * @param publicMessage cause and fix, safe for clients
     * @param internalDetail e.g. a truncated, secret-free upstream body for logs, or null
     * @param cause underlying cause, or null
     */
    protected UpstreamException(
            int status,
            ErrorCategory category,
            String code,
            int upstreamStatus,
            String publicMessage,
            String internalDetail,
            Throwable cause) {
        super(status, category, code, null, publicMessage, internalDetail, cause);
        this.upstreamStatus = upstreamStatus;
    }

    /**
     * An unexpected HTTP status from Grok (HTTP 502, code {@code upstream_error}).
     *
     * @param upstreamStatus the status Grok answered with
     * @param internalDetail truncated, secret-free body for logs, or null
     */
    public UpstreamException(int upstreamStatus, String internalDetail) {
        this(
                502,
                ErrorCategory.UPSTREAM,
                "upstream_error",
                upstreamStatus,
                "Grok API request failed: " + upstreamStatus,
                internalDetail,
                null);
    }

    /** The HTTP status Grok answered with, or 0 when the failure happened without one (I/O error, bad stream). */
    public int upstreamStatus() {
        return upstreamStatus;
    }
}
