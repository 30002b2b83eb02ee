package dev.grok2api.core.error;

/**
 * Grok's anti-bot check rejected the request (a JSON 403, gRPC code 7 or an "anti-bot" message), typically because
 * of the {@code x-statsig-id} header or the client fingerprint. The account is not penalised.
 */
public final class AntiBotRejectedException extends UpstreamException {
    /**
     * @param upstreamStatus usually 403
     * @param internalDetail truncated body for logs, or null
     */
    public AntiBotRejectedException(int upstreamStatus, String internalDetail) {
        super(
                502,
                ErrorCategory.UPSTREAM,
                "anti_bot_rejected",
                upstreamStatus,
                "Grok's anti-bot check rejected the request. Check grok.dynamic_statsig and grok.user_agent, or use a"
                        + " proxy (grok.base_proxy_url) whose IP Grok accepts.",
                internalDetail,
                null);
    }
}
