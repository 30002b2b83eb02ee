package dev.grok2api.server.javalin.media;

import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.MediaStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Serves cached media: {@code GET /v1/files/image/<name>} and {@code /v1/files/video/<name>}. Like the reference,
 * these need no API key (browsers load them from markdown) and accept the asset path with slashes, which are mapped
 * to the cache name ({@code /} → {@code -}). Files never change once written, so they are cached as immutable.
 */
public final class MediaRoutes {
    private final MediaStore store;

    public MediaRoutes(MediaStore store) {
        this.store = store;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/files/image/<name>", ctx -> serve(ctx, MediaKind.IMAGE));
        routes.get("/v1/files/video/<name>", ctx -> serve(ctx, MediaKind.VIDEO));
    }

    private void serve(Context ctx, MediaKind kind) {
        String name = ctx.pathParam("name").replace('/', '-');
        StoredMedia media = store.find(kind, name)
                .orElseThrow(() -> new NotFoundException(
                        "file_not_found", "No cached " + kind.pathSegment() + " named '" + name + "'."));
        ctx.status(200);
        ctx.contentType(media.contentType());
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Content-Length", Long.toString(media.size()));
        try (InputStream in = store.open(media);
                OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
