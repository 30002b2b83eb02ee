package dev.grok2api.grok.client.internal;

import dev.grok2api.core.config.GrokSettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * Hands out an {@link OkHttpClient} configured for the settings in force (proxy, timeouts). Clients derived from one
 * base share its connection pool and dispatcher; a new one is built only when the relevant settings change, so a
 * proxy or timeout edit applies to the next call without a restart. Thread-safe.
 */
public final class HttpClients {
    private final OkHttpClient base;
    // Keyed by the settings a client depends on; a handful of entries at most over a process's life.
    private final ConcurrentHashMap<Key, OkHttpClient> clients = new ConcurrentHashMap<>();

    public HttpClients(OkHttpClient base) {
        this.base = base;
    }

    /**
     * The client for streaming calls to the Grok web app under these settings. Its socket reads have no timeout of
     * their own: {@link StreamGuard} enforces the first-byte, idle and total limits precisely, and an Okio socket
     * timeout would wake its watchdog thread on every read — once per token of a paced stream.
     */
    public OkHttpClient forChat(GrokSettings grok) {
        return client(new Key(grok.baseProxyUrl(), grok.firstByteTimeout(), Duration.ZERO, Duration.ZERO));
    }

    /** The client for uploads and asset calls: {@code grok.asset_proxy_url}, else the base proxy. */
    public OkHttpClient forAssets(GrokSettings grok) {
        String proxy = grok.assetProxyUrl().isEmpty() ? grok.baseProxyUrl() : grok.assetProxyUrl();
        return client(new Key(proxy, grok.timeout(), grok.timeout(), grok.timeout()));
    }

    /** The client for short JSON calls (quota, account settings) under these settings: {@code grok.timeout}. */
    public OkHttpClient forApi(GrokSettings grok) {
        return client(new Key(grok.baseProxyUrl(), grok.timeout(), grok.timeout(), grok.timeout()));
    }

    private OkHttpClient client(Key key) {
        return clients.computeIfAbsent(key, k -> {
            OkHttpClient.Builder builder = base.newBuilder()
                    .connectTimeout(k.connect())
                    .readTimeout(k.read())
                    .writeTimeout(k.read())
                    .callTimeout(k.total());
            applyProxy(builder, k.proxy());
            return builder.build();
        });
    }

    /**
     * Routes the builder through {@code proxyUrl}: {@code http://[user:pass@]host:port} or {@code
     * socks5://host:port}; blank means direct.
     *
     * @throws IllegalArgumentException naming the setting when the URL is unusable
     */
    static void applyProxy(OkHttpClient.Builder builder, String proxyUrl) {
        if (proxyUrl == null || proxyUrl.isBlank()) {
            builder.proxy(Proxy.NO_PROXY);
            return;
        }
        URI uri;
        try {
            uri = URI.create(proxyUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "grok proxy URL is not a URL: use http://host:port or socks5://host:port", e);
        }
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("grok proxy URL needs a host and port, e.g. http://127.0.0.1:7890");
        }
        InetSocketAddress address = InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
        Proxy.Type type = switch (scheme) {
            case "http", "https" -> Proxy.Type.HTTP;
            case "socks5", "socks5h", "socks" -> Proxy.Type.SOCKS;
            default ->
                throw new IllegalArgumentException(
                        "grok proxy URL scheme must be http, https or socks5, got '" + scheme + "'");
        };
        builder.proxy(new Proxy(type, address));
        String userInfo = uri.getUserInfo();
        if (type == Proxy.Type.HTTP && userInfo != null && userInfo.contains(":")) {
            String credential = Credentials.basic(
                    userInfo.substring(0, userInfo.indexOf(':')), userInfo.substring(userInfo.indexOf(':') + 1));
            builder.proxyAuthenticator((route, response) -> response.request()
                    .newBuilder()
                    .header("Proxy-Authorization", credential)
                    .build());
        }
    }

    private record Key(String proxy, Duration connect, Duration read, Duration total) {}
}
