package dev.grok2api.core.service;

import dev.grok2api.core.config.AppSettings;
import dev.grok2api.core.config.MediaSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaNames;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.MediaStore;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetDownload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Publishes Grok assets to clients: downloads an asset into the {@link MediaCache} (once, streamed to disk, as the
 * account that produced it) and returns the link a client can open — {@code <app.app_url>/v1/files/<kind>/<name>}
 * (relative when {@code app.app_url} is empty), or the bytes as base64 when {@code app.image_format} or the request
 * asks for it. Base64 output keeps the downloaded file only when {@code cache.keep_base64_cache} is on; otherwise an
 * asset that is not cached yet is downloaded into memory and never written.
 *
 * <p>Thread-safe; blocks while downloading.
 */
public final class MediaLinks {
    private final MediaCache cache;
    private final GrokUpstream upstream;
    private final SettingsSource settings;

    /**
     * @param cache the local media cache
     * @param upstream downloads assets
     * @param settings for {@code app.app_url}, {@code app.image_format} and {@code cache.keep_base64_cache}
     */
    public MediaLinks(MediaCache cache, GrokUpstream upstream, SettingsSource settings) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Links over a cache of its own on {@code store} (for embedding and tests). */
    public MediaLinks(MediaStore store, GrokUpstream upstream, SettingsSource settings) {
        this(new MediaCache(store, settings, new SecureRandom()), upstream, settings);
    }

    /** The cache the links point into. */
    public MediaCache cache() {
        return cache;
    }

    /**
     * Caches an asset (downloading it as {@code credential} on a miss).
     *
     * @param assetPath path relative to the assets host, or an absolute asset URL
     * @throws IllegalArgumentException when the path cannot name a cache file
     * @throws dev.grok2api.core.error.UpstreamException when the download fails
     */
    public StoredMedia cache(MediaKind kind, String assetPath, SsoCredential credential) {
        return cache.store(
                kind,
                MediaNames.fromAssetPath(assetPath),
                out -> upstream.downloadAsset(assetPath, credential, out).contentType());
    }

    /**
     * The client link of an asset in chat answers, downloading it first when needed: a {@code data:} URI for images
     * when {@code app.image_format} is {@code base64} or {@code b64_json}, else the cache URL.
     *
     * @throws dev.grok2api.core.error.UpstreamException when the download fails
     */
    public String link(MediaKind kind, String assetPath, SsoCredential credential) {
        AppSettings app = settings.current().app();
        if (kind == MediaKind.IMAGE && !app.imageFormat().equals("url")) {
            Encoded encoded = encoded(kind, assetPath, credential);
            return "data:" + encoded.contentType() + ";base64," + encoded.base64();
        }
        return url(cache(kind, assetPath, credential), app);
    }

    /** The cache URL of a cached file, see {@link #url(StoredMedia, AppSettings)}. */
    public String url(StoredMedia media) {
        return url(media, settings.current().app());
    }

    /** {@code <app.app_url>/v1/files/<kind>/<name>}, relative when the app URL is empty. */
    public static String url(StoredMedia media, AppSettings app) {
        return app.appUrl() + "/v1/files/" + media.kind().pathSegment() + "/" + media.name();
    }

    /**
     * An asset as bare base64 (no {@code data:} prefix) with its content type.
     *
     * @param contentType the MIME type, never null
     * @param base64 standard base64 of the whole file, never null
     */
    public record Encoded(String contentType, String base64) {}

    /**
     * An asset's bytes as base64, from the cache or downloaded as {@code credential}; the download is kept in the
     * cache only when {@code cache.keep_base64_cache} is on.
     *
     * @throws dev.grok2api.core.error.UpstreamException when the download fails
     */
    public Encoded encoded(MediaKind kind, String assetPath, SsoCredential credential) {
        String name = MediaNames.fromAssetPath(assetPath);
        Optional<StoredMedia> cached = cache.find(kind, name);
        if (cached.isPresent() || MediaSettings.of(settings.current()).keepBase64Cache()) {
            StoredMedia media = cached.orElseGet(() -> cache(kind, assetPath, credential));
            return new Encoded(media.contentType(), Base64.getEncoder().encodeToString(read(media)));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AssetDownload download = upstream.downloadAsset(assetPath, credential, bytes);
        String type = download.contentType() == null
                ? null
                : download.contentType().split(";")[0].trim();
        return new Encoded(
                type == null || type.isEmpty() ? kind.contentTypeFor(name) : type,
                Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    private byte[] read(StoredMedia media) {
        try (InputStream in = cache.open(media)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached " + media.name(), e);
        }
    }
}
