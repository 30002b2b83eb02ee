package dev.grok2api.grok.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetDownload;
import dev.grok2api.core.upstream.AssetPage;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.ImagineEvent;
import dev.grok2api.core.upstream.ImagineRequest;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.UploadedFile;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.MockGrokServer;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upload, media post, imagine, asset calls and stream timeouts, asserted on the wire against the mock Grok. */
class OkHttpGrokUpstreamCallsTest {
    private static final SsoCredential ACCOUNT = SsoCredential.parse("sso=tok-a;sso-rw=tok-rw");
    private final MockGrokServer grok = MockGrokServer.start();

    @AfterEach
    void stop() {
        grok.close();
    }

    private OkHttpGrokUpstream upstream(Map<String, Object> overrides) {
        return OkHttpGrokUpstream.builder(TestSettings.source(grok.baseUrl(), overrides))
                .random(new Random(1))
                .clock(InstantSource.fixed(Instant.parse("2026-11-26T10:00:00Z")))
                .build();
    }

    private void assertCommonHeaders(RecordedGrokRequest request, String referer) {
        assertThat(request.header("Cookie")).isEqualTo("sso=tok-a;sso-rw=tok-rw");
        assertThat(request.header("Referer")).isEqualTo(grok.baseUrl() + referer);
        assertThat(request.header("Origin")).isEqualTo(grok.baseUrl());
        assertThat(request.header("User-Agent")).isEqualTo("test-agent/1.0");
        assertThat(request.header("x-statsig-id")).isNotBlank();
        assertThat(request.header("x-xai-request-id")).matches("[0-9a-f-]{36}");
        assertThat(request.header("Sec-Fetch-Site")).isEqualTo("same-origin");
    }

    @Test
    void should_upload_a_file_as_base64_json_and_return_its_id_and_uri() {
        // when
        UploadedFile uploaded =
                upstream(Map.of()).upload(new FileUpload("cat.png", "image/png", new byte[] {1, 2, 3}), ACCOUNT);

        // then
        RecordedGrokRequest request =
                grok.requestsTo("/rest/app-chat/upload-file").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertCommonHeaders(request, "/");
        assertThat(request.json())
                .isEqualTo(Map.of("fileName", "cat.png", "fileMimeType", "image/png", "content", "AQID"));
        assertThat(uploaded.fileMetadataId()).isEqualTo("file-1");
        assertThat(uploaded.fileUri()).isEqualTo("users/mock-user/file-1/content");
        assertThat(grok.uploaded("file-1")).containsExactly(1, 2, 3);
    }

    @Test
    void should_create_a_media_post_with_the_imagine_referer() {
        // when
        String id = upstream(Map.of()).createMediaPost(MediaPostRequest.video("a cat surfing"), ACCOUNT);

        // then
        RecordedGrokRequest request = grok.requestsTo("/rest/media/post/create").get(0);
        assertCommonHeaders(request, "/imagine");
        assertThat(request.json()).isEqualTo(Map.of("mediaType", "MEDIA_POST_TYPE_VIDEO", "prompt", "a cat surfing"));
        assertThat(id).startsWith("post-");
    }

    @Test
    void should_list_assets_page_by_page_and_delete_one() {
        // given
        grok.onlineAssets(List.of("a1", "a2", "a3"));
        OkHttpGrokUpstream upstream = upstream(Map.of());

        // when
        AssetPage first = upstream.listAssets(ACCOUNT, null);
        AssetPage second = upstream.listAssets(ACCOUNT, first.nextPageToken());
        upstream.deleteAsset("a2", ACCOUNT);

        // then
        assertThat(first.assetIds()).containsExactly("a1", "a2");
        assertThat(second.assetIds()).containsExactly("a3");
        assertThat(second.hasMore()).isFalse();
        RecordedGrokRequest list = grok.requestsTo("/rest/assets?").get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path())
                .isEqualTo("/rest/assets?pageSize=50&orderBy=ORDER_BY_LAST_USE_TIME&source=SOURCE_ANY&isLatest=true");
        assertThat(grok.requestsTo("/rest/assets?").get(1).path()).endsWith("&pageToken=page-2");
        assertCommonHeaders(list, "/files");
        RecordedGrokRequest delete = grok.requestsTo("/rest/assets-metadata/").get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/rest/assets-metadata/a2");
        assertCommonHeaders(delete, "/files");
        assertThat(grok.onlineAssets()).containsExactly("a1", "a3");
        assertThatThrownBy(() -> upstream.deleteAsset("a2", ACCOUNT))
                .isInstanceOf(UpstreamException.class)
                .extracting(e -> ((UpstreamException) e).upstreamStatus())
                .isEqualTo(404);
    }

    @Test
    void should_stream_an_asset_with_the_document_headers_and_no_statsig() {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        AssetDownload download = upstream(Map.of("grok.cf_clearance", "cf"))
                .downloadAsset("users/u1/generated/i1/image.jpg", ACCOUNT, out);

        // then
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("mock-asset:/users/u1/generated/i1/image.jpg");
        assertThat(download.contentType()).isEqualTo("image/jpeg");
        assertThat(download.bytes()).isEqualTo(out.size());
        RecordedGrokRequest request = grok.requestsTo("/users/").get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("Cookie")).isEqualTo("sso=tok-a;sso-rw=tok-rw;cf_clearance=cf");
        assertThat(request.header("Sec-Fetch-Dest")).isEqualTo("document");
        assertThat(request.header("Sec-Fetch-Mode")).isEqualTo("navigate");
        assertThat(request.header("Upgrade-Insecure-Requests")).isEqualTo("1");
        assertThat(request.header("x-statsig-id")).isNull();
        assertThat(request.header("Accept")).startsWith("text/html,");
    }

    @Test
    void should_rebase_foreign_asset_urls_on_the_assets_host_and_report_missing_assets() {
        // given
        OkHttpGrokUpstream upstream = upstream(Map.of());

        // when
        upstream.downloadAsset("https://evil.example/users/u1/x.jpg", ACCOUNT, new ByteArrayOutputStream());

        // then
        assertThat(grok.requestsTo("/users/u1/x.jpg")).hasSize(1);
        assertThatThrownBy(() -> upstream.downloadAsset("users/missing.jpg", ACCOUNT, new ByteArrayOutputStream()))
                .isInstanceOf(UpstreamException.class);
    }

    @Test
    void should_run_an_imagine_round_and_report_progress_and_completed_images() {
        // given
        List<ImagineEvent> events = new ArrayList<>();

        // when
        upstream(Map.of())
                .imagine(
                        new ImagineRequest("a cat floating in space", "2:3", true, 2),
                        ACCOUNT,
                        Cancellation.create(),
                        events::add);

        // then
        assertThat(events)
                .filteredOn(e -> e instanceof ImagineEvent.Completed)
                .extracting(e -> ((ImagineEvent.Completed) e).url())
                .containsExactly(
                        grok.baseUrl() + "/imagine-public/images/img-0.jpg",
                        grok.baseUrl() + "/imagine-public/images/img-1.jpg");
        assertThat(events).contains(new ImagineEvent.Progress("img-0", 50), new ImagineEvent.Progress("img-1", 100));
        Object message = JsonText.parse(grok.websocketMessages().get(0));
        assertThat(JsonText.at(message, "type")).isEqualTo("conversation.item.create");
        assertThat(JsonText.at(message, "timestamp"))
                .isEqualTo(Instant.parse("2026-11-26T10:00:00Z").toEpochMilli());
        assertThat(JsonText.at(message, "item.content.0.text")).isEqualTo("a cat floating in space");
        assertThat(JsonText.at(message, "item.content.0.type")).isEqualTo("input_scroll");
        assertThat(JsonText.at(message, "item.content.0.properties.aspect_ratio"))
                .isEqualTo("2:3");
        assertThat(JsonText.at(message, "item.content.0.properties.enable_nsfw"))
                .isEqualTo(true);
        RecordedGrokRequest upgrade = grok.requestsTo("/ws/imagine/listen").get(0);
        assertThat(upgrade.header("Upgrade")).isEqualTo("websocket");
        assertCommonHeaders(upgrade, "/imagine");
    }

    @Test
    void should_classify_imagine_handshake_refusals_and_error_frames() {
        // given
        OkHttpGrokUpstream upstream = upstream(Map.of());
        ImagineRequest request = new ImagineRequest("x", "1:1", false, 1);

        // when / then
        grok.refuseImagine(403);
        assertThatThrownBy(() -> upstream.imagine(request, ACCOUNT, Cancellation.create(), e -> {}))
                .isInstanceOf(AntiBotRejectedException.class);
        grok.refuseImagine(0).imagineFrames("imagine-error.jsonl");
        assertThatThrownBy(() -> upstream.imagine(request, ACCOUNT, Cancellation.create(), e -> {}))
                .isInstanceOf(UpstreamRateLimitedException.class);
    }

    @Test
    void should_time_out_when_no_line_arrives_within_the_first_byte_timeout() {
        // given
        GrokReply.Stall stall = GrokReply.stall(List.of(), List.of());
        grok.enqueueChat(stall);

        // when / then
        try {
            assertThatThrownBy(() -> chat(upstream(Map.of("grok.first_byte_timeout", 0.3)), Cancellation.create()))
                    .isInstanceOfSatisfying(
                            UpstreamTimeoutException.class,
                            e -> assertThat(e.phase()).isEqualTo(UpstreamTimeoutException.Phase.FIRST_BYTE));
        } finally {
            stall.release();
        }
    }

    @Test
    void should_time_out_when_the_stream_goes_silent_for_the_idle_timeout() {
        // given
        GrokReply.Stall stall = GrokReply.stall(GrokReply.fixture("cut.ndjson").lines(), List.of());
        grok.enqueueChat(stall);
        List<GrokEvent> events = new ArrayList<>();

        // when / then
        try {
            assertThatThrownBy(() -> upstream(Map.of("grok.idle_timeout", 0.3))
                            .chat(request(), ACCOUNT, Cancellation.create(), events::add))
                    .isInstanceOfSatisfying(
                            UpstreamTimeoutException.class,
                            e -> assertThat(e.phase()).isEqualTo(UpstreamTimeoutException.Phase.IDLE));
            assertThat(events).hasSize(2);
        } finally {
            stall.release();
        }
    }

    @Test
    void should_cut_the_upstream_connection_when_the_caller_cancels() throws Exception {
        // given
        GrokReply.Stall stall = GrokReply.stall(List.of(), List.of());
        grok.enqueueChat(stall);
        Cancellation cancellation = Cancellation.create();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> chat(upstream(Map.of()), cancellation));
        assertThat(grok.awaitChatCalls(1, Duration.ofSeconds(5))).isTrue();

        // when
        cancellation.cancel();

        // then
        try {
            assertThat(stall.awaitDisconnect(Duration.ofSeconds(1))).isTrue();
            assertThatThrownBy(call::join).hasCauseInstanceOf(CancellationException.class);
        } finally {
            stall.release();
        }
    }

    @Test
    void should_report_a_cut_stream_as_truncated() {
        // given
        grok.enqueueChat(GrokReply.cut("cut.ndjson"));

        // when / then
        assertThatThrownBy(() -> chat(upstream(Map.of()), Cancellation.create()))
                .isInstanceOf(UpstreamStreamException.class)
                .extracting(e -> ((UpstreamStreamException) e).code())
                .isEqualTo("upstream_stream_error");
    }

    private static ConversationRequest request() {
        return ConversationRequest.chat("grok-3", "MODEL_MODE_GROK_3", "hi");
    }

    private static void chat(OkHttpGrokUpstream upstream, Cancellation cancellation) {
        upstream.chat(request(), ACCOUNT, cancellation, event -> {});
    }
}
