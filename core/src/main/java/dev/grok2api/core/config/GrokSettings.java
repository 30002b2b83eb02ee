package dev.grok2api.core.config;

import dev.grok2api.core.chat.ThinkingFormat;
import dev.grok2api.core.secret.Secrets;
import java.time.Duration;
import java.util.List;

/**
 * The {@code grok.*} settings: how the gateway talks to Grok and renders its answers.
 *
 * @param baseUrl Grok web app, e.g. {@code https://grok.com} (no trailing slash)
 * @param assetsUrl asset host, e.g. {@code https://assets.grok.com}
 * @param accountsUrl accounts host, e.g. {@code https://accounts.x.ai}
 * @param temporary create conversations as temporary (not kept in the account's history)
 * @param stream default for requests that omit {@code stream}
 * @param thinking default for requests that omit {@code thinking}: show reasoning
 * @param thinkingFormat how reasoning reaches the client
 * @param dynamicStatsig random {@code x-statsig-id} per request (false: a fixed value)
 * @param filterTags tokens containing any of these substrings are dropped (compat; meaningful tags are rendered)
 * @param videoPosterPreview render videos as a poster link instead of a {@code <video>} tag
 * @param timeout overall timeout of non-streaming calls
 * @param firstByteTimeout longest wait for the first line of a stream
 * @param idleTimeout longest silence between lines of a stream
 * @param totalTimeout longest a whole stream may take
 * @param heartbeat interval of SSE keep-alive comments while nothing else is sent
 * @param baseProxyUrl proxy for calls to Grok, or empty
 * @param assetProxyUrl proxy for asset up/downloads, or empty (falls back to {@code baseProxyUrl})
 * @param cfClearance Cloudflare clearance cookie value, or empty (secret)
 * @param maxRetry how many more accounts to try after a retriable failure
 * @param retryStatusCodes upstream statuses that make another account worth trying
 * @param imageGenerationMethod {@code legacy} or {@code imagine_ws_experimental}
 * @param userAgent browser user agent sent to Grok
 * @param allowPrivateAttachmentUrls fetch client attachment URLs that resolve to loopback, private, link-local,
 *     CGNAT or metadata addresses (off: such URLs are refused)
 * @param attachmentMaxBytes largest attachment fetched from a client URL
 * @param attachmentTimeout longest a client attachment URL may take to download
 */
public record GrokSettings(
        String baseUrl,
        String assetsUrl,
        String accountsUrl,
        boolean temporary,
        boolean stream,
        boolean thinking,
        ThinkingFormat thinkingFormat,
        boolean dynamicStatsig,
        List<String> filterTags,
        boolean videoPosterPreview,
        Duration timeout,
        Duration firstByteTimeout,
        Duration idleTimeout,
        Duration totalTimeout,
        Duration heartbeat,
        String baseProxyUrl,
        String assetProxyUrl,
        String cfClearance,
        int maxRetry,
        List<Integer> retryStatusCodes,
        String imageGenerationMethod,
        String userAgent,
        boolean allowPrivateAttachmentUrls,
        long attachmentMaxBytes,
        Duration attachmentTimeout) {
    public GrokSettings {
        filterTags = List.copyOf(filterTags);
        retryStatusCodes = List.copyOf(retryStatusCodes);
    }

    /** Reads the section from a snapshot. */
    static GrokSettings from(Settings s) {
        return new GrokSettings(
                trimSlash(s.string("grok.base_url")),
                trimSlash(s.string("grok.assets_url")),
                trimSlash(s.string("grok.accounts_url")),
                s.bool("grok.temporary"),
                s.bool("grok.stream"),
                s.bool("grok.thinking"),
                ThinkingFormat.fromConfig(s.string("grok.thinking_format")),
                s.bool("grok.dynamic_statsig"),
                s.strings("grok.filter_tags"),
                s.bool("grok.video_poster_preview"),
                seconds(s, "grok.timeout"),
                seconds(s, "grok.first_byte_timeout"),
                seconds(s, "grok.idle_timeout"),
                seconds(s, "grok.total_timeout"),
                seconds(s, "grok.heartbeat_seconds"),
                s.string("grok.base_proxy_url").trim(),
                s.string("grok.asset_proxy_url").trim(),
                s.string("grok.cf_clearance").trim(),
                Math.max(0, s.intValue("grok.max_retry")),
                s.ints("grok.retry_status_codes"),
                s.string("grok.image_generation_method"),
                s.string("grok.user_agent"),
                s.has("grok.allow_private_attachment_urls") && s.bool("grok.allow_private_attachment_urls"),
                Math.round(
                        (s.has("grok.attachment_max_mb") ? s.doubleValue("grok.attachment_max_mb") : 50) * 1024 * 1024),
                s.has("grok.attachment_timeout") ? seconds(s, "grok.attachment_timeout") : Duration.ofSeconds(10));
    }

    private static Duration seconds(Settings s, String key) {
        return Duration.ofMillis(Math.max(1, Math.round(s.doubleValue(key) * 1000)));
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "GrokSettings[baseUrl=" + baseUrl + ", assetsUrl=" + assetsUrl + ", cfClearance="
                + Secrets.mask(cfClearance) + ", thinkingFormat=" + thinkingFormat + ", maxRetry=" + maxRetry + "]";
    }
}
