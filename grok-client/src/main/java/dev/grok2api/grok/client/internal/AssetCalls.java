package dev.grok2api.grok.client.internal;

import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetPage;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Requests and answers of the upload, media-post and asset calls (E2, E4, E6–E8): paths, referers and bodies as the
 * reference sends them, and lenient parsing of what Grok returns.
 */
public final class AssetCalls {
    private static final MediaType JSON = MediaType.get("application/json");

    private final GrokHeaders headers;

    public AssetCalls(GrokHeaders headers) {
        this.headers = headers;
    }

    /** {@code POST /rest/app-chat/upload-file} with {@code {"fileName","fileMimeType","content"}}. */
    public Request upload(GrokSettings grok, SsoCredential credential, FileUpload file) {
        Buffer body = new Buffer();
        try (com.squareup.moshi.JsonWriter w = com.squareup.moshi.JsonWriter.of(body)) {
            w.beginObject();
            w.name("fileName").value(file.fileName());
            w.name("fileMimeType").value(file.mimeType());
            w.name("content").value(Base64.getEncoder().encodeToString(file.content()));
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/app-chat/upload-file")
                .post(RequestBody.create(body.readByteString(), JSON))
                .build();
    }

    /** Reads {@code fileMetadataId} (else {@code fileId}) and {@code fileUri}. */
    public static UploadedFile uploaded(String body) {
        Object json = Json.parse(body.strip());
        String id = Json.string(json, "fileMetadataId");
        if (id == null || id.isBlank()) {
            id = Json.string(json, "fileId");
        }
        if (id == null || id.isBlank()) {
            throw new UpstreamException(
                    200, "upload answer without fileMetadataId: " + GrokErrorClassifier.sanitize(body));
        }
        String uri = Json.string(json, "fileUri");
        return new UploadedFile(id, uri == null ? "" : uri);
    }

    /** {@code POST /rest/media/post/create}, referer {@code /imagine}. */
    public Request mediaPost(GrokSettings grok, SsoCredential credential, MediaPostRequest post) {
        Buffer body = new Buffer();
        try (com.squareup.moshi.JsonWriter w = com.squareup.moshi.JsonWriter.of(body)) {
            w.beginObject();
            w.name("mediaType").value(post.mediaType());
            if (post.prompt() != null) {
                w.name("prompt").value(post.prompt());
            }
            if (post.mediaUrl() != null) {
                w.name("mediaUrl").value(post.mediaUrl());
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/imagine")
                .url(grok.baseUrl() + "/rest/media/post/create")
                .post(RequestBody.create(body.readByteString(), JSON))
                .build();
    }

    /** Reads {@code post.id}; an answer without one is an error. */
    public static String postId(String body) {
        String id = Json.string(Json.object(Json.parse(body.strip()), "post"), "id");
        if (id == null || id.isBlank()) {
            throw new UpstreamException(
                    200, "media post answer without post.id: " + GrokErrorClassifier.sanitize(body));
        }
        return id;
    }

    /** {@code GET /rest/assets?pageSize=50&orderBy=ORDER_BY_LAST_USE_TIME&source=SOURCE_ANY&isLatest=true}. */
    public Request listAssets(GrokSettings grok, SsoCredential credential, String pageToken) {
        HttpUrl.Builder url = HttpUrl.get(grok.baseUrl() + "/rest/assets")
                .newBuilder()
                .addQueryParameter("pageSize", "50")
                .addQueryParameter("orderBy", "ORDER_BY_LAST_USE_TIME")
                .addQueryParameter("source", "SOURCE_ANY")
                .addQueryParameter("isLatest", "true");
        if (pageToken != null && !pageToken.isEmpty()) {
            url.addQueryParameter("pageToken", pageToken);
        }
        return headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/files")
                .url(url.build())
                .get()
                .build();
    }

    /** Reads {@code assets[].assetId} and {@code nextPageToken}. */
    public static AssetPage assetPage(String body) {
        Object json = Json.parse(body.strip());
        List<String> ids = new ArrayList<>();
        for (Object asset : Json.list(json, "assets")) {
            String id = Json.string(asset, "assetId");
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        String next = Json.string(json, "nextPageToken");
        return new AssetPage(ids, next == null || next.isBlank() ? null : next);
    }

    /** {@code DELETE /rest/assets-metadata/<id>}, referer {@code /files}. */
    public Request deleteAsset(GrokSettings grok, SsoCredential credential, String assetId) {
        HttpUrl url = HttpUrl.get(grok.baseUrl() + "/rest/assets-metadata/")
                .newBuilder()
                .addPathSegment(assetId)
                .build();
        return headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/files")
                .url(url)
                .delete()
                .build();
    }

    /**
     * {@code GET <assets>/<path>} with the browser's document headers (no statsig), as the reference downloads
     * assets. Absolute URLs are kept when they point at Grok's own hosts; anything else is re-based on the assets
     * host by path, so an asset reference can never make the gateway fetch an arbitrary host with Grok cookies.
     */
    public static Request download(GrokSettings grok, SsoCredential credential, String assetPath) {
        return new Request.Builder()
                .url(assetUrl(grok, assetPath))
                .header(
                        "Accept",
                        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
                .header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Site", "same-site")
                .header("Sec-Fetch-User", "?1")
                .header("Upgrade-Insecure-Requests", "1")
                .header("Referer", grok.baseUrl() + "/")
                .header("User-Agent", grok.userAgent())
                .header("Cookie", GrokHeaders.cookie(grok, credential))
                .get()
                .build();
    }

    static String assetUrl(GrokSettings grok, String assetPath) {
        String reference = assetPath.trim();
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            URI uri = URI.create(reference);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String assetsHost = URI.create(grok.assetsUrl()).getHost();
            if (host.equals(assetsHost)
                    || host.equals("grok.com")
                    || host.endsWith(".grok.com")
                    || host.endsWith(".x.ai")) {
                return reference;
            }
            reference = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return grok.assetsUrl() + (reference.startsWith("/") ? "" : "/") + reference;
    }
}
