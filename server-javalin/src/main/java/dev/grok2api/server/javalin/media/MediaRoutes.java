package dev.grok2api.server.javalin.media;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.service.MediaCache;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the media cache and fills it from the chat page.
 *
 * <ul>
 *   <li>{@code GET /v1/files/image/<name>} and {@code /v1/files/video/<name>}: like the reference, no API key
 *       (browsers load them from markdown), and the asset path may keep its slashes ({@code /} → {@code -}). Names
 *       that could leave the cache directory are not found. Files never change once written, so they are cached as
 *       immutable. A single {@code Range: bytes=…} is honoured with 206 (416 when it lies beyond the file), which
 *       video players need for seeking.
 *   <li>{@code POST /v1/uploads/image} (multipart field {@code file}, an image of at most {@value #MAX_UPLOAD_MB}
 *       MB): stores it as {@code upload-<hex>.<ext>} and answers {@code {"url","name","size_bytes"}} with a relative
 *       URL, as the reference does.
 * </ul>
 */
public final class MediaRoutes {
    static final int MAX_UPLOAD_MB = 50;

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MediaCache cache;

    public MediaRoutes(MediaCache cache) {
        this.cache = cache;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/files/image/<name>", ctx -> serve(ctx, MediaKind.IMAGE));
        routes.get("/v1/files/video/<name>", ctx -> serve(ctx, MediaKind.VIDEO));
        routes.post("/v1/uploads/image", this::upload);
    }

    private void serve(Context ctx, MediaKind kind) {
        String name = ctx.pathParam("name").replace('/', '-');
        StoredMedia media = cache.find(kind, name)
                .orElseThrow(() -> new NotFoundException(
                        "file_not_found",
                        (kind == MediaKind.IMAGE ? "Image" : "Video") + " not found: no cached " + kind.pathSegment()
                                + " named '" + name + "'."));
        send(ctx, cache, media);
    }

    /**
     * Answers with a cached file: its content type, immutable caching, and a single byte range when the request asks
     * for one (206, or 416 when it lies beyond the file).
     */
    public static void send(Context ctx, MediaCache cache, StoredMedia media) {
        long size = media.size();
        long start = 0;
        long end = size - 1;
        String range = ctx.header("Range");
        Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
        if (matcher != null
                && matcher.matches()
                && !(matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            if (matcher.group(1).isEmpty()) {
                start = Math.max(0, size - parse(matcher.group(2)));
            } else {
                start = parse(matcher.group(1));
                end = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, parse(matcher.group(2)));
            }
            if (start >= size || start > end) {
                ctx.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes");
                return;
            }
            ctx.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else {
            ctx.status(200);
        }
        ctx.contentType(media.contentType());
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Content-Length", Long.toString(end - start + 1));
        try (InputStream in = cache.open(media);
                OutputStream out = ctx.res().getOutputStream()) {
            in.skipNBytes(start);
            copy(in, out, end - start + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private void upload(Context ctx) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
        if (file == null) {
            throw new InvalidRequestException(
                    "missing_file", "file", "Send the image as multipart/form-data in the field 'file'.");
        }
        String type = file.contentType() == null ? "" : file.contentType();
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("image/")) {
            throw new InvalidRequestException("unsupported_file", "file", "Unsupported file type: " + type);
        }
        if (file.size() > MAX_UPLOAD_MB * 1024L * 1024L) {
            throw new InvalidRequestException(
                    "file_too_large", "file", "File too large. Maximum is " + MAX_UPLOAD_MB + " MB.");
        }
        byte[] content;
        try (InputStream in = file.content()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoredMedia stored = cache.upload(content, type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", "/v1/files/image/" + stored.name());
        body.put("name", stored.name());
        body.put("size_bytes", stored.size());
        ctx.json(body);
    }
}
