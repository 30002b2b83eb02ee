package dev.grok2api.core.port;

import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.QuotaRefreshResult;

/**
 * Brings one account up to date with Grok on demand. Implemented by the token-pool module; the admin services run it
 * over many accounts as background jobs.
 *
 * <p>Implementations are thread-safe, bound their own upstream concurrency, record what they learn in the {@link
 * TokenStore}, and never throw for upstream failures: those are part of the result.
 */
public interface TokenRefresher {

    /**
     * Asks Grok for the account's quota (both buckets for SuperGrok accounts) and stores it. A successful sync proves
     * the credential works: it clears the failure count, ends a cooldown when quota is left, and revives an invalid
     * account. Invalid-credential and blocked answers are handled as in chat (counted, or invalidated at once).
     *
     * @param token the account's {@code sso} value
     * @return what happened; not ok when the token is unknown or Grok did not report the quota
     */
    QuotaRefreshResult refreshQuota(String token);

    /**
     * Runs the account-settings flow: accept the Terms of Service, set a birth date, enable NSFW content — in that
     * order, stopping at the first failing step, with up to {@code retries} further attempts. When every attempt
     * fails because of the account, the account is marked invalid with reason {@code account_settings_refresh_failed
     * step=<step> attempts=<n> error=<text>}; failures that are not the account's fault (a Cloudflare challenge, an
     * anti-bot rejection, a network error) leave it untouched.
     *
     * @param token the account's {@code sso} value
     * @param retries extra attempts after the first, {@code >= 0}
     * @return what happened
     */
    AccountSettingsResult refreshAccountSettings(String token, int retries);
}
