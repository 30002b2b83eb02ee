package dev.grok2api.core.error;

/**
 * Grok's Cloudflare front answered with a browser challenge page instead of the API. This is about the gateway's IP
 * address and TLS fingerprint, not the account: no account is penalised and switching accounts does not help.
 */
public final class CloudflareChallengeException extends UpstreamException {
    /**
     * @param upstreamStatus usually 403
     * @param internalDetail truncated body for logs, or null
     */
    public CloudflareChallengeException(int upstreamStatus, String internalDetail) {
        super(
                502,
                ErrorCategory.UPSTREAM,
                "cloudflare_challenge",
                upstreamStatus,
                "Grok returned a Cloudflare challenge: set grok.cf_clearance from a browser on the same IP and user"
                        + " agent (grok.user_agent), or route upstream traffic through grok.base_proxy_url.",
                internalDetail,
                null);
    }
}
