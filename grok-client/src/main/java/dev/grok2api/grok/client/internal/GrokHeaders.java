package dev.grok2api.grok.client.internal;

import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.token.SsoCredential;
import java.util.UUID;
import java.util.random.RandomGenerator;
import okhttp3.Request;

/**
 * The Chrome-like header set the reference sends to grok.com, in one place.
 *
 * <p>Deliberate difference: no explicit {@code Accept-Encoding}. OkHttp only decompresses transparently when it adds
 * that header itself (gzip), and it cannot decode the {@code br}/{@code zstd} a browser advertises.
 */
public final class GrokHeaders {
    private static final String BAGGAGE = "sentry-environment=production,"
            + "sentry-release=d6add6fb0460641fd482d767a335ef72b9b6abb8,"
            + "sentry-public_key=b311e0f2690c81f25e2c4cf6d4f7ce1c";

    private final RandomGenerator random;

    public GrokHeaders(RandomGenerator random) {
        this.random = random;
    }

    /**
     * Adds the common header set for a JSON call to the Grok web app.
     *
     * @param builder the request being built
     * @param grok settings in force (user agent, statsig mode, cf_clearance, base URL for Origin)
     * @param credential the account
     * @param referer the Referer value, e.g. {@code https://grok.com/}
     */
    public Request.Builder apply(Request.Builder builder, GrokSettings grok, SsoCredential credential, String referer) {
        String origin = grok.baseUrl();
        return builder.header("Accept", "*/*")
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .header("Baggage", BAGGAGE)
                .header("Cache-Control", "no-cache")
                .header("Content-Type", "application/json")
                .header("Origin", origin)
                .header("Pragma", "no-cache")
                .header("Priority", "u=1, i")
                .header("Referer", referer)
                .header("Sec-Ch-Ua", "\"Google Chrome\";v=\"136\", \"Chromium\";v=\"136\", \"Not(A:Brand\";v=\"24\"")
                .header("Sec-Ch-Ua-Arch", "arm")
                .header("Sec-Ch-Ua-Bitness", "64")
                .header("Sec-Ch-Ua-Mobile", "?0")
                .header("Sec-Ch-Ua-Model", "")
                .header("Sec-Ch-Ua-Platform", "\"macOS\"")
                .header("Sec-Fetch-Dest", "empty")
                .header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Site", "same-origin")
                .header("User-Agent", grok.userAgent())
                .header("x-statsig-id", grok.dynamicStatsig() ? StatsigIds.random(random) : StatsigIds.FIXED)
                .header("x-xai-request-id", new UUID(random.nextLong(), random.nextLong()).toString())
                .header("Cookie", cookie(grok, credential));
    }

    /** {@code sso=<t>;sso-rw=<rw>} plus {@code ;cf_clearance=<cf>} when configured; no spaces, as the browser. */
    public static String cookie(GrokSettings grok, SsoCredential credential) {
        StringBuilder cookie = new StringBuilder("sso=")
                .append(credential.sso())
                .append(";sso-rw=")
                .append(credential.ssoRw());
        String cf = grok.cfClearance();
        if (!cf.isEmpty()) {
            cookie.append(";cf_clearance=").append(cf.startsWith("cf_clearance=") ? cf.substring(13) : cf);
        }
        return cookie.toString();
    }
}
