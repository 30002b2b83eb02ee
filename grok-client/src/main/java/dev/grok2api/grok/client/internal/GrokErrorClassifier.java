package dev.grok2api.grok.client.internal;

import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Maps a non-200 answer from Grok to the exception that names its cause, in one place. Markers follow what the
 * reference clients learned from the live site (Cloudflare challenge pages, {@code [WKE=…]} codes, gRPC codes).
 */
public final class GrokErrorClassifier {
    /** Longest part of an upstream body kept for logs. */
    public static final int MAX_DETAIL = 300;

    private static final List<String> CHALLENGE_MARKERS =
            List.of("just a moment", "challenge-platform", "__cf_chl", "cf-chl-", "cf-challenge", "<!doctype html");
    private static final List<String> BLOCKED_MARKERS = List.of("blocked-user", "user is blocked");
    private static final List<String> CREDENTIAL_MARKERS = List.of(
            "invalid-credentials",
            "bad-credentials",
            "failed to look up session id",
            "email-domain-rejected",
            "session not found",
            "account suspended",
            "token revoked",
            "token expired",
            "unauthenticated");

    private GrokErrorClassifier() {}

    /**
     * @param status the HTTP status (not 200)
     * @param retryAfter the {@code Retry-After} header, or null
     * @param body the beginning of the body (may be empty)
     * @param now the current time, for HTTP-date {@code Retry-After} values
     */
    public static UpstreamException classify(int status, String retryAfter, String body, Instant now) {
        String lower = body.toLowerCase(Locale.ROOT);
        String detail = sanitize(body);
        if (containsAny(lower, BLOCKED_MARKERS)) {
            return new AccountBlockedException(status, detail);
        }
        if (status == 401 || ((status == 400 || status == 403) && containsAny(lower, CREDENTIAL_MARKERS))) {
            return new InvalidCredentialsException(status, detail);
        }
        if (status == 403) {
            if (lower.isBlank() || containsAny(lower, CHALLENGE_MARKERS) || lower.contains("cloudflare")) {
                return new CloudflareChallengeException(status, detail);
            }
            return new AntiBotRejectedException(status, detail);
        }
        if (status == 429) {
            return new UpstreamRateLimitedException(status, parseRetryAfter(retryAfter, now), detail);
        }
        if (status >= 500) {
            return new UpstreamUnavailableException(
                    status,
                    "Grok is failing (HTTP " + status + "); another account was tried where possible. Retry later.",
                    detail,
                    null);
        }
        return new UpstreamException(status, detail);
    }

    /** Parses delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Collapses white space and truncates, so a body is fit for one log line. Grok bodies hold no secrets of ours. */
    static String sanitize(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL) + "…" : flat;
    }

    private static boolean containsAny(String text, List<String> markers) {
        for (String marker : markers) {
            if (text.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
