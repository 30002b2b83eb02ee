package dev.grok2api.core.token;

import java.util.Objects;

/**
 * The outcome of refreshing one account's quota from Grok.
 *
 * @param token the account's {@code sso} value
 * @param ok whether Grok reported the quota and it was stored
 * @param account the account as stored afterwards, or null when the token is unknown
 * @param error why it failed (secret-free), or null when {@code ok}
 */
public record QuotaRefreshResult(String token, boolean ok, GrokToken account, String error) {
    public QuotaRefreshResult {
        Objects.requireNonNull(token, "token");
    }
}
