package dev.grok2api.core.error;

/**
 * Grok says the account is blocked (e.g. {@code [WKE=unauthorized:blocked-user]}). The account is marked invalid at
 * once and another one is tried; the client gets 502 {@code account_blocked} if none is left.
 */
public final class AccountBlockedException extends UpstreamException {
    /**
     * @param upstreamStatus the status Grok answered with
     * @param internalDetail truncated body for logs, or null
     */
    public AccountBlockedException(int upstreamStatus, String internalDetail) {
        super(
                502,
                ErrorCategory.UPSTREAM,
                "account_blocked",
                upstreamStatus,
                "Grok reports the account as blocked. It has been marked invalid; remove it or add other accounts.",
                internalDetail,
                null);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
