package dev.grok2api.core.service;

import dev.grok2api.core.config.AppSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaNames;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.MediaStore;
import dev.grok2api.core.token.SsoCredential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;

/**
 * Publishes Grok assets to clients: downloads an asset into the {@link MediaStore} (once) and returns the link a
 * client can open — {@code <app.app_url>/v1/files/<kind>/<name>} (relative when {@code app.app_url} is empty), or a
 * {@code data:} URI when {@code app.image_format} is {@code base64} (images only).
 *
 * <p>Thread-safe; blocks while downloading.
 */
public final class MediaLinks {
    private final MediaStore store;
    private final GrokUpstream upstream;
    private final SettingsSource settings;

    /**
     * @param store the local media cache
     * @param upstream downloads assets
     * @param settings for {@code app.app_url} and {@code app.image_format}
     */
    public MediaLinks(MediaStore store, GrokUpstream upstream, SettingsSource settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Caches an asset (downloading it as {@code credential} on a miss).
     *
     * @param assetPath path relative to the assets host, or an absolute asset URL
     * @throws IllegalArgumentException when the path cannot name a cache file
     * @throws dev.grok2api.core.error.UpstreamException when the download fails
     */
    public StoredMedia cache(MediaKind kind, String assetPath, SsoCredential credential) {
        String name = MediaNames.fromAssetPath(assetPath);
        return store.store(
                kind,
                name,
                out -> upstream.downloadAsset(assetPath, credential, out).contentType());
    }

    /**
     * The client link of an asset, downloading it first when needed.
     *
     * @throws dev.grok2api.core.error.UpstreamException when the download fails
     */
    public String link(MediaKind kind, String assetPath, SsoCredential credential) {
        StoredMedia media = cache(kind, assetPath, credential);
        AppSettings app = settings.current().app();
        if (kind == MediaKind.IMAGE && app.imageFormat().equals("base64")) {
            return dataUri(media);
        }
        return url(media, app);
    }

    /** {@code <app.app_url>/v1/files/<kind>/<name>}, relative when the app URL is empty. */
    public static String url(StoredMedia media, AppSettings app) {
        return app.appUrl() + "/v1/files/" + media.kind().pathSegment() + "/" + media.name();
    }

    /** The whole file as {@code data:<mime>;base64,<data>}. */
    public String dataUri(StoredMedia media) {
        try (InputStream in = store.open(media)) {
            return "data:" + media.contentType() + ";base64,"
                    + Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached " + media.name(), e);
        }
    }
}
