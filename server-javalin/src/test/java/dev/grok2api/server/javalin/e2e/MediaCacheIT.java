package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media cache over HTTP: files, ranges, path safety, uploads, the admin cache page and online assets. */
class MediaCacheIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.cache-account.sig";
    private static final byte[] HUNDRED = bytes(100);

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir, o -> o.withSetting("app.app_url", ""));
        session = gateway.login();
        gateway.addTokens(session, TOKEN);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private HttpResponse<String> upload(String filename, String type, byte[] content) {
        Multipart form = new Multipart().file("file", filename, type, content);
        return gateway.postBytes("/v1/uploads/image", form.contentType(), form.bytes(), null);
    }

    private String uploaded(byte[] content) {
        HttpResponse<String> response = upload("photo.png", "image/png", content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) json(response, "url");
    }

    @Test
    void should_store_an_uploaded_image_and_serve_it_with_its_type_and_immutable_caching() {
        // when
        HttpResponse<String> response = upload("photo.png", "image/png", HUNDRED);
        String url = (String) json(response, "url");
        HttpResponse<byte[]> file = gateway.getBytes(url, Map.of());

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(url).matches("/v1/files/image/upload-[0-9a-f]{32}\\.png");
        assertThat(json(response, "name")).isEqualTo(url.substring("/v1/files/image/".length()));
        assertThat(json(response, "size_bytes")).isEqualTo(100L);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(HUNDRED);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(file.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(file.headers().firstValue("Accept-Ranges")).contains("bytes");
    }

    @Test
    void should_refuse_an_upload_that_is_not_an_image() {
        // when
        HttpResponse<String> response = upload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response, "error.message")).isEqualTo("Unsupported file type: text/plain");
    }

    @Test
    void should_answer_byte_ranges_with_206_and_the_exact_bytes() {
        // given
        String url = uploaded(HUNDRED);

        // when
        HttpResponse<byte[]> middle = gateway.getBytes(url, Map.of("Range", "bytes=10-19"));
        HttpResponse<byte[]> tail = gateway.getBytes(url, Map.of("Range", "bytes=90-"));
        HttpResponse<byte[]> suffix = gateway.getBytes(url, Map.of("Range", "bytes=-5"));
        HttpResponse<byte[]> beyond = gateway.getBytes(url, Map.of("Range", "bytes=100-200"));

        // then
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 10-19/100");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(HUNDRED, 10, 20));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(HUNDRED, 90, 100));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(HUNDRED, 95, 100));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */100");
    }

    @Test
    void should_never_serve_a_file_outside_the_cache() {
        // given
        uploaded(HUNDRED);

        // when / then
        for (String path : List.of(
                "/v1/files/image/..%2f..%2fgrok2api.db",
                "/v1/files/image/..%2F..%2Fgrok2api.db",
                "/v1/files/image/%2e%2e%2f%2e%2e%2fgrok2api.db",
                "/v1/files/image/..%5c..%5cgrok2api.db",
                "/v1/files/image//etc/passwd",
                "/v1/files/image/%2fetc%2fpasswd",
                "/v1/files/video/..%2fimage%2fupload.png",
                "/v1/files/image/.hidden")) {
            HttpResponse<byte[]> response = gateway.getBytes(path, Map.of());
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1))
                    .as(path)
                    .doesNotContain("SQLite format")
                    .doesNotContain("root:");
        }
    }

    @Test
    void should_resolve_an_uploaded_image_sent_back_as_image_url_from_the_cache() {
        // given
        String url = uploaded(HUNDRED);
        gateway.grok.enqueueChat(GrokReply.text("A gradient."));
        String body = "{\"model\":\"grok-3\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + gateway.server.localUrl() + url + "\"}}]}]}";

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<?> attached = (List<?>) gateway.grok.singleChatRequest().jsonAt("fileAttachments");
        assertThat(gateway.grok.uploaded((String) attached.get(0))).isEqualTo(HUNDRED);
    }

    @Test
    void should_list_newest_first_delete_and_clear_through_the_admin_api() {
        // given
        String first = uploaded(bytes(10));
        String second = uploaded(bytes(20));

        // when
        HttpResponse<String> local = gateway.get("/api/v1/admin/cache/local", session);
        HttpResponse<String> page = gateway.get("/api/v1/admin/cache/list?type=image&page=1&page_size=1", session);
        HttpResponse<String> deleted = gateway.post(
                "/api/v1/admin/cache/item/delete",
                "{\"type\":\"image\",\"name\":\"" + first.substring(16) + "\"}",
                session);
        HttpResponse<String> cleared = gateway.post("/api/v1/admin/cache/clear", "{\"type\":\"image\"}", session);

        // then
        assertThat(json(local, "local_image.count")).isEqualTo(2L);
        assertThat(json(local, "local_image.size_bytes")).isEqualTo(30L);
        assertThat(json(local, "local_video.count")).isEqualTo(0L);
        assertThat(json(page, "status")).isEqualTo("success");
        assertThat(json(page, "total")).isEqualTo(2L);
        assertThat(json(page, "page_size")).isEqualTo(1L);
        assertThat(json(page, "items.0.name")).isEqualTo(second.substring(16));
        assertThat(json(page, "items.0.size_bytes")).isEqualTo(20L);
        assertThat(json(page, "items.0.view_url")).isEqualTo(second);
        assertThat(json(page, "items.0.mtime_ms")).isInstanceOf(Long.class);
        assertThat(json(deleted, "result.deleted")).isEqualTo(true);
        assertThat(gateway.getBytes(first, Map.of()).statusCode()).isEqualTo(404);
        assertThat(json(cleared, "result.count")).isEqualTo(1L);
        assertThat(json(gateway.get("/api/v1/admin/metrics", session), "cache.local_image.count"))
                .isEqualTo(0L);
        assertThat(gateway.post("/api/v1/admin/cache/item/delete", "{\"type\":\"image\"}", session)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_preview_a_cached_video_with_its_poster() {
        // given
        gateway.grok.enqueueChat(GrokReply.video(
                "v-9",
                "users/mock-user/generated/v-9/generated_video.mp4",
                "users/mock-user/generated/v-9/preview_image.jpg"));
        assertThat(gateway.post(
                                "/v1/chat/completions",
                                "{\"model\":\"grok-imagine-1.0-video\",\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"waves\"}]}",
                                null)
                        .statusCode())
                .isEqualTo(200);

        // when
        HttpResponse<String> page = gateway.get("/api/v1/admin/cache/list?cache_type=video", session);

        // then
        assertThat(json(page, "items.0.view_url"))
                .isEqualTo("/v1/files/video/users-mock-user-generated-v-9-generated_video.mp4");
        assertThat(json(page, "items.0.preview_url"))
                .isEqualTo("/v1/files/image/users-mock-user-generated-v-9-preview_image.jpg");
    }

    @Test
    void should_count_and_purge_an_accounts_online_assets_as_jobs() {
        // given
        gateway.grok.onlineAssets(List.of("asset-1", "asset-2", "asset-3"));

        // when
        HttpResponse<String> counted = gateway.get("/api/v1/admin/cache?token=" + TOKEN, session);
        HttpResponse<String> purged =
                gateway.post("/api/v1/admin/cache/online/clear", "{\"tokens\":[\"" + TOKEN + "\"]}", session);
        HttpResponse<String> after = gateway.get("/api/v1/admin/cache?scope=all", session);

        // then
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(json(counted, "online.count")).isEqualTo(3L);
        assertThat(json(counted, "online.status")).isEqualTo("ok");
        assertThat(json(counted, "online_scope")).isEqualTo("selected");
        assertThat(json(counted, "online_accounts.0.token")).isEqualTo(TOKEN);
        assertThat(json(counted, "online_accounts.0.pool")).isEqualTo("ssoBasic");
        assertThat((String) json(counted, "online_accounts.0.token_masked")).doesNotContain("cache-account");
        assertThat(json(counted, "local_image.count")).isEqualTo(0L);
        assertThat(json(counted, "job.kind")).isEqualTo("media.count_online_assets");
        assertThat(json(purged, "status")).isEqualTo("success");
        Object result = ((Map<?, ?>) json(purged, "results")).get(TOKEN);
        assertThat(JsonText.at(result, "status")).isEqualTo("success");
        assertThat(JsonText.at(result, "result.total")).isEqualTo(3L);
        assertThat(JsonText.at(result, "result.success")).isEqualTo(3L);
        assertThat(JsonText.at(result, "result.failed")).isEqualTo(0L);
        assertThat(gateway.grok.onlineAssets()).isEmpty();
        assertThat(json(after, "online_scope")).isEqualTo("all");
        assertThat(json(after, "online_details.0.count")).isEqualTo(0L);
        assertThat(json(after, "online_details.0.last_asset_clear_at")).isInstanceOf(Long.class);
        assertThat(gateway.get("/api/v1/admin/jobs", session).body()).contains("media.purge_online_assets");
    }

    @Test
    void should_page_and_search_the_accounts_of_the_online_view() {
        // given: 120 accounts besides the one the test starts with
        String[] more = new String[120];
        for (int i = 0; i < more.length; i++) {
            more[i] = String.format("sso-paged-%03d", i);
        }
        gateway.addTokens(session, more);

        // when
        HttpResponse<String> everything = gateway.get("/api/v1/admin/cache", session);
        HttpResponse<String> second = gateway.get("/api/v1/admin/cache?page=2&page_size=50", session);
        HttpResponse<String> last = gateway.get("/api/v1/admin/cache?page=3&page_size=50", session);
        HttpResponse<String> found = gateway.get("/api/v1/admin/cache?page=1&search=paged-11", session);

        // then: without paging the reference's shape (every account), with it one page and the total
        assertThat((List<?>) json(everything, "online_accounts")).hasSize(121);
        assertThat(json(everything, "online_accounts_total")).isNull();
        assertThat((List<?>) json(second, "online_accounts")).hasSize(50);
        assertThat(json(second, "online_accounts_total")).isEqualTo(121L);
        assertThat(json(second, "page")).isEqualTo(2L);
        assertThat(json(second, "page_size")).isEqualTo(50L);
        assertThat((List<?>) json(last, "online_accounts")).hasSize(21);
        assertThat(json(found, "online_accounts_total")).isEqualTo(10L);
        assertThat(json(found, "page_size")).isEqualTo(50L);
        assertThat(json(found, "online_accounts.0.token")).isEqualTo("sso-paged-110");
        assertThat(json(found, "online_scope")).isEqualTo("none");
    }

    @Test
    void should_start_an_online_purge_in_the_background_when_asked() {
        // given
        gateway.grok.onlineAssets(List.of("asset-1"));

        // when
        HttpResponse<String> started = gateway.post(
                "/api/v1/admin/cache/online/clear", "{\"token\":\"" + TOKEN + "\",\"async\":true}", session);

        // then
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(json(started, "status")).isEqualTo("started");
        assertThat(json(started, "job.kind")).isEqualTo("media.purge_online_assets");
    }

    @Test
    void should_keep_the_cache_api_behind_the_admin_session() {
        // when
        HttpResponse<String> anonymous = gateway.get("/api/v1/admin/cache/local", null);

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
