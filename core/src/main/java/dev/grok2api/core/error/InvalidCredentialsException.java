package dev.grok2api.core.error;

/**
 * Grok rejected the account's {@code sso} cookie as invalid or expired (HTTP 401, or a 400/403 carrying an
 * invalid-credential marker). The client gets 502 {@code upstream_invalid_credentials}; the account's failure count
 * goes up and another account is tried.
 */
public final class InvalidCredentialsException extends UpstreamException {
    /**
     * @param upstreamStatus the status Grok answered with
     * @param internalDetail truncated body for logs, or null
     */
    public InvalidCredentialsException(int upstreamStatus, String internalDetail) {
        super(
                502,
                ErrorCategory.UPSTREAM,
                "upstream_invalid_credentials",
                upstreamStatus,
                "Grok rejected the account's sso cookie as invalid or expired (HTTP " + upstreamStatus
                        + "). Replace the token in the admin panel with a fresh sso cookie.",
                internalDetail,
                null);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
