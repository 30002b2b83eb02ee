package dev.grok2api.core.error;

/**
 * Grok's answer stream was unusable: an in-band error line, a stream cut before the final response, or an answer
 * with no content at all (HTTP 502). An empty answer is never reported as success.
 */
public final class UpstreamStreamException extends UpstreamException {
    private final boolean retriable;

    private UpstreamStreamException(String code, String publicMessage, String internalDetail, boolean retriable) {
        super(502, ErrorCategory.UPSTREAM, code, 200, publicMessage, internalDetail, null);
        this.retriable = retriable;
    }

    /** The stream ended without any answer content and without a final response. */
    public static UpstreamStreamException empty() {
        return new UpstreamStreamException(
                "empty_response",
                "Grok ended the answer without any content. This is usually transient; retry the request.",
                null,
                true);
    }

    /** The connection closed before Grok sent its final response. */
    public static UpstreamStreamException truncated(String internalDetail) {
        return new UpstreamStreamException(
                "upstream_stream_error",
                "Grok's answer stream was cut off before it finished; the answer may be incomplete. Retry the"
                        + " request.",
                internalDetail,
                true);
    }

    /**
     * Grok finished but what it delivered is not what was asked for (e.g. a placeholder or another video than the
     * one generated). Another account may well succeed.
     *
     * @param publicMessage what was wrong, already free of secrets
     * @param internalDetail e.g. the unexpected asset path, or null
     */
    public static UpstreamStreamException invalidResult(String publicMessage, String internalDetail) {
        return new UpstreamStreamException("invalid_upstream_result", publicMessage, internalDetail, true);
    }

    /**
     * Grok reported an error inside an otherwise successful stream.
     *
     * @param upstreamMessage Grok's message, already free of secrets
     */
    public static UpstreamStreamException inBand(String upstreamMessage) {
        return new UpstreamStreamException("upstream_error", "Grok reported an error: " + upstreamMessage, null, false);
    }

    @Override
    public boolean retriable() {
        return retriable;
    }
}
