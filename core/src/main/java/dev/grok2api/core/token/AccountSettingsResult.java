package dev.grok2api.core.token;

import java.util.Objects;

/**
 * The outcome of the account-settings flow (Terms of Service, birth date, NSFW) for one account.
 *
 * @param token the account's {@code sso} value
 * @param ok whether every step succeeded
 * @param attempts how many attempts were made
 * @param step the step that failed last ({@code tos}, {@code birth}, {@code nsfw}, or {@code exception} for an
 *     unexpected error; {@code lookup} when the token is unknown), or null when {@code ok}
 * @param error the failing step's error (secret-free), or null when {@code ok}
 * @param invalidated whether the account was marked invalid because of the failure
 */
public record AccountSettingsResult(
        String token, boolean ok, int attempts, String step, String error, boolean invalidated) {
    public AccountSettingsResult {
        Objects.requireNonNull(token, "token");
    }
}
