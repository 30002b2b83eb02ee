package dev.grok2api.grok.client;

import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.port.AttachmentFetcher;
import dev.grok2api.grok.client.internal.AddressGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * {@link AttachmentFetcher} over OkHttp: a plain GET without Grok cookies, direct (no proxy, so the address checks
 * see the real peer). Unless {@code grok.allow_private_attachment_urls} is on, every resolved address of every host —
 * the first one and each redirect target — must be public ({@link AddressGuard}); IP literals, which skip DNS, are
 * checked against the connected peer before anything is sent. The body is capped at {@code grok.attachment_max_mb}
 * and the whole fetch at {@code grok.attachment_timeout}. Every failure is the client's (HTTP 400).
 *
 * <p>Thread-safe.
 */
public final class OkHttpAttachmentFetcher implements AttachmentFetcher {
    private final SettingsSource settings;
    private final OkHttpClient base;

    /**
     * @param settings the settings in force at each call
     * @param base a client whose pool and dispatcher are shared (timeouts, DNS and proxy are set per call)
     */
    public OkHttpAttachmentFetcher(SettingsSource settings, OkHttpClient base) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public Fetched fetch(URI url, boolean imageOnly) {
        GrokSettings grok = settings.current().grok();
        HttpUrl httpUrl = HttpUrl.parse(url.toString());
        String scheme = Objects.requireNonNullElse(url.getScheme(), "").toLowerCase(Locale.ROOT);
        if (httpUrl == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw refused(url, "only http and https URLs can be fetched");
        }
        boolean guard = !grok.allowPrivateAttachmentUrls();
        OkHttpClient.Builder client = base.newBuilder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(true)
                .followSslRedirects(true)
                .callTimeout(grok.attachmentTimeout())
                .connectTimeout(grok.attachmentTimeout())
                .readTimeout(grok.attachmentTimeout());
        if (guard) {
            client.dns(new AddressGuard()).addNetworkInterceptor(OkHttpAttachmentFetcher::checkPeer);
        } else {
            client.dns(Dns.SYSTEM);
        }
        Request request =
                new Request.Builder().url(httpUrl).header("Accept", "*/*").get().build();
        if (guard && isIpLiteral(httpUrl.host())) {
            // No DNS lookup happens for a literal: refuse it before even connecting.
            try {
                AddressGuard.check(httpUrl.host(), InetAddress.getByName(httpUrl.host()));
            } catch (UnknownHostException e) {
                throw refused(
                        url,
                        e.getMessage()
                                + " (set grok.allow_private_attachment_urls = true to allow internal addresses)");
            }
        }
        try (Response response = client.build().newCall(request).execute()) {
            if (response.code() != 200) {
                throw refused(url, "it answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            MediaType type = body.contentType();
            String mime = type == null ? "application/octet-stream" : type.type() + "/" + type.subtype();
            if (imageOnly && !mime.startsWith("image/")) {
                throw refused(url, "it is '" + mime + "', not an image");
            }
            long max = grok.attachmentMaxBytes();
            if (body.contentLength() > max) {
                throw tooLarge(url, max);
            }
            BufferedSource source = body.source();
            Buffer buffer = new Buffer();
            while (source.read(buffer, 64 * 1024) != -1) {
                if (buffer.size() > max) {
                    throw tooLarge(url, max);
                }
            }
            return new Fetched(fileName(response.request().url()), mime, buffer.readByteArray());
        } catch (AddressGuard.BlockedAddressException e) {
            throw refused(
                    url,
                    e.getMessage() + " (set grok.allow_private_attachment_urls = true to allow internal addresses)");
        } catch (UnknownHostException e) {
            throw refused(url, "its host cannot be resolved");
        } catch (InterruptedIOException e) {
            throw refused(
                    url, "it did not answer within " + grok.attachmentTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw refused(url, "it could not be downloaded (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** IP-literal hosts skip DNS: check the peer the connection actually reached, before the request is sent. */
    private static Response checkPeer(Interceptor.Chain chain) throws IOException {
        InetAddress peer = Objects.requireNonNull(chain.connection())
                .route()
                .socketAddress()
                .getAddress();
        AddressGuard.check(chain.request().url().host(), peer);
        return chain.proceed(chain.request());
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String fileName(HttpUrl url) {
        String last = url.pathSegments().get(url.pathSize() - 1);
        return last.isBlank() ? "file" : last;
    }

    private static InvalidRequestException tooLarge(URI url, long max) {
        return refused(url, "it is larger than " + (max / (1024 * 1024)) + " MB (grok.attachment_max_mb)");
    }

    private static InvalidRequestException refused(URI url, String why) {
        String host = url.getHost() == null ? url.toString() : url.getHost();
        return new InvalidRequestException(
                "invalid_attachment", "messages", "The attachment URL on " + host + " cannot be used: " + why + ".");
    }
}
