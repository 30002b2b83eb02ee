package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.server.javalin.storage.Storage;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video through chat completions and the {@code /v1/videos} job API, through the real server. */
class VideoEndToEndIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.video-account.sig";
    private static final String MODEL = "grok-imagine-1.0-video";
    private static final String VIDEO_PATH = "users/mock-user/generated/v-1/generated_video.mp4";
    private static final String POSTER_PATH = "users/mock-user/generated/v-1/preview_image.jpg";

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;

    private void start(UnaryOperator<ServerOptions> settings) {
        gateway = GatewayHarness.start(dataDir, o -> settings.apply(o.withSetting("app.app_url", "")));
        gateway.addTokens(gateway.login(), TOKEN);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String videoChat(String content, String extra) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]" + extra
                + "}";
    }

    private HttpResponse<String> chat(String body) {
        return gateway.post("/v1/chat/completions", body, null);
    }

    @Test
    void should_answer_a_video_chat_with_a_video_tag_and_progress_as_reasoning() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, POSTER_PATH));

        // when
        HttpResponse<String> response = chat(videoChat("\"a cat surfing\"", ""));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response, "choices.0.message.content"))
                .isEqualTo("<video id=\"video\" controls=\"\" preload=\"none\""
                        + " poster=\"/v1/files/image/users-mock-user-generated-v-1-preview_image.jpg\">\n"
                        + "  <source id=\"mp4\" src=\"/v1/files/video/users-mock-user-generated-v-1-generated_video.mp4\""
                        + " type=\"video/mp4\">\n</video>\n");
        assertThat((String) json(response, "choices.0.message.reasoning_content"))
                .contains("Generating video: 1%", "Generating video: 50%", "Generating video: 100%");
        assertThat(json(response, "id")).isEqualTo("vid-v-1");
        RecordedGrokRequest post =
                gateway.grok.requestsTo("/rest/media/post/create").get(0);
        assertThat(post.jsonAt("mediaType")).isEqualTo("MEDIA_POST_TYPE_VIDEO");
        assertThat(post.jsonAt("prompt")).isEqualTo("a cat surfing");
        RecordedGrokRequest call = gateway.grok.singleChatRequest();
        assertThat(call.jsonAt("message")).isEqualTo("a cat surfing --mode=custom");
        assertThat(call.jsonAt("toolOverrides.videoGen")).isEqualTo(true);
        String config = "responseMetadata.modelConfigOverride.modelMap.videoGenModelConfig.";
        assertThat(call.jsonAt(config + "parentPostId")).isEqualTo("post-1");
        assertThat(call.jsonAt(config + "aspectRatio")).isEqualTo("3:2");
        assertThat(call.jsonAt(config + "videoLength")).isEqualTo(6L);
        assertThat(call.jsonAt(config + "videoResolution")).isEqualTo("SD");
        HttpResponse<byte[]> video =
                gateway.getBytes("/v1/files/video/users-mock-user-generated-v-1-generated_video.mp4", Map.of());
        assertThat(video.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(new String(video.body(), StandardCharsets.UTF_8)).isEqualTo("mock-asset:/" + VIDEO_PATH);
    }

    @Test
    void should_stream_video_progress_then_the_video() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, POSTER_PATH));

        // when
        List<String> lines = gateway.postForLines(
                        "/v1/chat/completions", videoChat("\"a cat surfing\"", ",\"stream\":true"), null)
                .body()
                .toList();

        // then
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("data: {")) {
                Object chunk = JsonText.parse(line.substring(6));
                Object r = JsonText.at(chunk, "choices.0.delta.reasoning_content");
                Object c = JsonText.at(chunk, "choices.0.delta.content");
                reasoning.append(r == null ? "" : r);
                content.append(c == null ? "" : c);
            }
        }
        assertThat(reasoning.toString()).contains("Generating video: 50%");
        assertThat(content.toString()).contains("<source id=\"mp4\" src=\"/v1/files/video/");
        assertThat(lines).contains("data: [DONE]");
    }

    @Test
    void should_render_a_poster_link_when_poster_preview_is_on_and_pass_the_video_config() {
        // given
        start(o -> o.withSetting("grok.video_poster_preview", true));
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, POSTER_PATH));

        // when
        HttpResponse<String> response = chat(videoChat(
                "\"a cat surfing\"",
                ",\"video_config\":{\"aspect_ratio\":\"16:9\",\"video_length\":10,\"resolution\":\"HD\","
                        + "\"preset\":\"spicy\"}"));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) json(response, "choices.0.message.content"))
                .startsWith("<a href=\"/v1/files/video/users-mock-user-generated-v-1-generated_video.mp4\"")
                .contains("<img src=\"/v1/files/image/users-mock-user-generated-v-1-preview_image.jpg\"");
        RecordedGrokRequest call = gateway.grok.singleChatRequest();
        assertThat(call.jsonAt("message")).isEqualTo("a cat surfing --mode=extremely-spicy-or-crazy");
        String config = "responseMetadata.modelConfigOverride.modelMap.videoGenModelConfig.";
        assertThat(call.jsonAt(config + "aspectRatio")).isEqualTo("16:9");
        assertThat(call.jsonAt(config + "videoLength")).isEqualTo(10L);
        assertThat(call.jsonAt(config + "videoResolution")).isEqualTo("HD");
    }

    @Test
    void should_animate_the_first_image_of_the_conversation() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, null));
        String content = "[{\"type\":\"text\",\"text\":\"make it move\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0K\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]";

        // when
        HttpResponse<String> response = chat(videoChat(content, ""));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) json(response, "choices.0.message.content")).doesNotContain("poster=");
        assertThat(gateway.grok.requestsTo("/rest/app-chat/upload-file")).hasSize(1);
        RecordedGrokRequest post =
                gateway.grok.requestsTo("/rest/media/post/create").get(0);
        assertThat(post.jsonAt("mediaType")).isEqualTo("MEDIA_POST_TYPE_IMAGE");
        assertThat((String) post.jsonAt("mediaUrl")).matches(".*/users/mock-user/file-\\d+/content");
    }

    @Test
    void should_refuse_invalid_video_options_and_non_image_attachments() {
        // given
        start(o -> o);
        Map<String, String[]> cases = Map.of(
                ",\"video_config\":{\"aspect_ratio\":\"4:3\"}",
                        new String[] {"invalid_aspect_ratio", "video_config.aspect_ratio"},
                ",\"video_config\":{\"video_length\":16}",
                        new String[] {"invalid_video_length", "video_config.video_length"},
                ",\"video_config\":{\"resolution\":\"4K\"}",
                        new String[] {"invalid_resolution", "video_config.resolution"},
                ",\"video_config\":{\"preset\":\"wild\"}", new String[] {"invalid_preset", "video_config.preset"});

        // when / then
        cases.forEach((extra, expected) -> {
            HttpResponse<String> response = chat(videoChat("\"a cat\"", extra));
            assertThat(response.statusCode()).as(extra).isEqualTo(400);
            assertThat(json(response, "error.code")).as(extra).isEqualTo(expected[0]);
            assertThat(json(response, "error.param")).as(extra).isEqualTo(expected[1]);
        });
        HttpResponse<String> audio = chat(videoChat(
                "[{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\"}}]",
                ""));
        assertThat(audio.statusCode()).isEqualTo(400);
        assertThat(json(audio, "error.code")).isEqualTo("invalid_value");
        assertThat(gateway.grok.chatRequests()).isEmpty();
    }

    @Test
    void should_fail_when_grok_delivers_another_video_than_it_generated() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.video("v-1", "users/demo/generated/demo/generated_video.mp4", null));

        // when
        HttpResponse<String> response = chat(videoChat("\"a cat surfing\"", ""));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(json(response, "error.code")).isEqualTo("invalid_upstream_result");
    }

    @Test
    void should_run_a_video_job_and_serve_its_content() throws Exception {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, POSTER_PATH));

        // when
        HttpResponse<String> created =
                gateway.post("/v1/videos", "{\"prompt\":\"a cat\",\"seconds\":\"8\",\"size\":\"720x1280\"}", null);
        String id = (String) json(created, "id");
        HttpResponse<String> done = gateway.get("/v1/videos/" + id + "?wait=30", null);

        // then
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created, "object")).isEqualTo("video");
        assertThat(json(created, "status")).isIn("queued", "in_progress", "completed");
        assertThat(json(done, "status")).as(done.body()).isEqualTo("completed");
        assertThat(json(done, "progress")).isEqualTo(100L);
        assertThat(json(done, "seconds")).isEqualTo("8");
        assertThat(json(done, "aspect_ratio")).isEqualTo("9:16");
        assertThat(json(done, "url")).isEqualTo("/v1/files/video/users-mock-user-generated-v-1-generated_video.mp4");
        HttpResponse<byte[]> content = gateway.getBytes("/v1/videos/" + id + "/content", Map.of());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(new String(content.body(), StandardCharsets.UTF_8)).isEqualTo("mock-asset:/" + VIDEO_PATH);
        HttpResponse<byte[]> range = gateway.getBytes("/v1/videos/" + id + "/content", Map.of("Range", "bytes=0-9"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("mock-asset");
        HttpResponse<byte[]> thumbnail = gateway.getBytes("/v1/videos/" + id + "/content?variant=thumbnail", Map.of());
        assertThat(new String(thumbnail.body(), StandardCharsets.UTF_8)).isEqualTo("mock-asset:/" + POSTER_PATH);
    }

    @Test
    void should_report_a_failed_job_refund_it_and_refuse_its_content() {
        // given: a key allowed one video a day
        start(o -> o);
        String session = gateway.login();
        String key = (String) json(
                gateway.post("/api/v1/admin/keys", "{\"name\":\"film\",\"limits\":{\"video_per_day\":1}}", session),
                "data.key");
        gateway.grok.enqueueChat(GrokReply.video("v-0", "/", null));
        gateway.grok.enqueueChat(GrokReply.video("v-1", VIDEO_PATH, POSTER_PATH));

        // when: the first job fails, the refunded video pays for a second one
        String id = (String) json(gateway.post("/v1/videos", "{\"prompt\":\"a cat\"}", key), "id");
        HttpResponse<String> done = gateway.get("/v1/videos/" + id + "?wait=30", key);
        Object usedAfterFailure = json(gateway.get("/api/v1/admin/keys", session), "data.0.usage_today.video_used");
        HttpResponse<String> content = gateway.get("/v1/videos/" + id + "/content", key);
        HttpResponse<String> second = gateway.post("/v1/videos", "{\"prompt\":\"a dog\"}", key);
        HttpResponse<String> secondDone = gateway.get("/v1/videos/" + json(second, "id") + "?wait=30", key);

        // then
        assertThat(usedAfterFailure).isEqualTo(0L);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(secondDone, "status")).as(secondDone.body()).isEqualTo("completed");
        assertThat(json(gateway.get("/api/v1/admin/keys", session), "data.0.usage_today.video_used"))
                .isEqualTo(1L);
        assertThat(gateway.post("/v1/videos", "{\"prompt\":\"a bird\"}", key).statusCode())
                .isEqualTo(429);
        assertThat(json(done, "status")).as(done.body()).isEqualTo("failed");
        assertThat(json(done, "error.code")).isEqualTo("invalid_upstream_result");
        assertThat(content.statusCode()).isEqualTo(400);
        assertThat(json(content, "error.code")).isEqualTo("video_not_ready");
        assertThat(gateway.get("/v1/videos/video_unknown", key).statusCode()).isEqualTo(404);
    }

    @Test
    void should_cancel_a_running_job_at_shutdown_and_refund_it() throws Exception {
        // given: a key allowed one video, and Grok stalling the generation
        start(o -> o);
        Instant begin = Instant.now();
        String session = gateway.login();
        HttpResponse<String> created =
                gateway.post("/api/v1/admin/keys", "{\"name\":\"film\",\"limits\":{\"video_per_day\":1}}", session);
        String key = (String) json(created, "data.key");
        String keyId = (String) json(created, "data.id");
        GrokReply.Stall stall = GrokReply.stall(List.of(), List.of());
        gateway.grok.enqueueChat(stall);
        HttpResponse<String> submitted = gateway.post("/v1/videos", "{\"prompt\":\"a slow cat\"}", key);
        assertThat(gateway.grok.awaitChatCalls(1, Duration.ofSeconds(10))).isTrue();
        Object chargedWhileRunning = json(gateway.get("/api/v1/admin/keys", session), "data.0.usage_today.video_used");

        // when: the server shuts down while the job runs
        GatewayHarness stopping = gateway;
        gateway = null;
        stopping.close();

        // then: Grok's call was cancelled, the video refunded, and the job recorded as cut short by the shutdown
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(chargedWhileRunning).isEqualTo(1L);
        assertThat(stall.awaitDisconnect(Duration.ofSeconds(5))).isTrue();
        try (Storage storage = Storage.open(ServerOptions.forTests(dataDir))) {
            QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(480);
            long videos = Stream.of(quotaDay.dayOf(begin), quotaDay.dayOf(Instant.now()))
                    .distinct()
                    .mapToLong(day -> storage.usage().usage(keyId, day).video())
                    .sum();
            assertThat(videos).isZero();
            assertThat(storage.requestLogs()
                            .list(new RequestLogQuery(503, null, MODEL, "film", 0, 1))
                            .items())
                    .singleElement()
                    .satisfies(row -> assertThat(row.entry().errorCode()).isEqualTo("server_shutting_down"));
        }
    }

    @Test
    void should_validate_a_video_job_before_charging_it() {
        // given
        start(o -> o);

        // when
        HttpResponse<String> tooLong = gateway.post("/v1/videos", "{\"prompt\":\"a cat\",\"seconds\":20}", null);
        HttpResponse<String> otherModel =
                gateway.post("/v1/videos", "{\"prompt\":\"a cat\",\"model\":\"sora-2\"}", null);
        HttpResponse<String> empty = gateway.post("/v1/videos", "{}", null);

        // then
        assertThat(json(tooLong, "error.code")).isEqualTo("invalid_video_length");
        assertThat(json(otherModel, "error.code")).isEqualTo("model_not_supported");
        assertThat(json(empty, "error.code")).isEqualTo("empty_prompt");
        assertThat(gateway.grok.chatRequests()).isEmpty();
    }

    @Test
    void should_charge_videos_to_the_video_quota() {
        // given
        start(o -> o);
        String key = (String) json(
                gateway.post(
                        "/api/v1/admin/keys", "{\"name\":\"film\",\"limits\":{\"video_per_day\":0}}", gateway.login()),
                "data.key");

        // when
        HttpResponse<String> chat = gateway.post("/v1/chat/completions", videoChat("\"a cat\"", ""), key);
        HttpResponse<String> job = gateway.post("/v1/videos", "{\"prompt\":\"a cat\"}", key);

        // then
        assertThat(chat.statusCode()).isEqualTo(429);
        assertThat(json(chat, "error.message")).isEqualTo("Daily quota exceeded: video");
        assertThat(job.statusCode()).isEqualTo(429);
    }
}
