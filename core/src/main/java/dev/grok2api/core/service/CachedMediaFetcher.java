package dev.grok2api.core.service;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.AttachmentFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AttachmentFetcher} that reads links to this gateway's own media cache ({@code …/v1/files/image/<name>},
 * {@code …/v1/files/video/<name>}, whatever the host) from the cache instead of over HTTP, and passes every other
 * URL on. The chat page uploads images ({@code POST /v1/uploads/image}) and sends their links back as {@code
 * image_url}: they resolve even when the server cannot reach its own public address, and without opening the
 * request-forgery guard to loopback addresses. Cache files are public anyway, so nothing is exposed. Thread-safe.
 */
public final class CachedMediaFetcher implements AttachmentFetcher {
    private static final String PREFIX = "/v1/files/";

    private final MediaCache cache;
    private final AttachmentFetcher network;

    /**
     * @param cache the media cache
     * @param network fetches every other URL
     */
    public CachedMediaFetcher(MediaCache cache, AttachmentFetcher network) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.network = Objects.requireNonNull(network, "network");
    }

    @Override
    public Fetched fetch(URI url, boolean imageOnly) {
        Optional<StoredMedia> cached = cached(url);
        if (cached.isEmpty()) {
            return network.fetch(url, imageOnly);
        }
        StoredMedia media = cached.get();
        if (imageOnly && !media.contentType().startsWith("image/")) {
            throw new InvalidRequestException(
                    "invalid_image", "image_url", "The linked file " + media.name() + " is not an image.");
        }
        try (InputStream in = cache.open(media)) {
            return new Fetched(media.name(), media.contentType(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached " + media.name(), e);
        }
    }

    private Optional<StoredMedia> cached(URI url) {
        String path = url.getPath();
        int at = path == null ? -1 : path.indexOf(PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = path.substring(at + PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        MediaKind kind = switch (rest.substring(0, slash)) {
            case "image" -> MediaKind.IMAGE;
            case "video" -> MediaKind.VIDEO;
            default -> null;
        };
        return kind == null
                ? Optional.empty()
                : cache.find(kind, rest.substring(slash + 1).replace('/', '-'));
    }
}
