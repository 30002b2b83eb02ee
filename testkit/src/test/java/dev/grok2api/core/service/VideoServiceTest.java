package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.video.VideoOptions;
import dev.grok2api.core.video.VideoRequest;
import dev.grok2api.core.video.VideoResult;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.FakeGrokUpstream.Script;
import dev.grok2api.testkit.fake.FakeTokenSelector;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VideoServiceTest {
    private static final String VIDEO = "users/u/generated/vid-7/generated_video.mp4";
    private static final String POSTER = "users/u/generated/vid-7/preview_image.jpg";

    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final MutableSettings settings = MutableSettings.defaults();

    private VideoService service(FakeTokenSelector tokens) {
        return new VideoService(
                ModelCatalog.standard(),
                tokens,
                upstream,
                new MediaLinks(new InMemoryMediaStore(), upstream, settings),
                settings);
    }

    private static Script video(String id, String url) {
        return Script.events(
                new GrokEvent.VideoProgress(1, null, null, false, id),
                new GrokEvent.VideoProgress(60, null, null, false, id),
                new GrokEvent.VideoProgress(100, url, POSTER, false, id),
                new GrokEvent.Token("I generated a video", false, null, "resp-v"));
    }

    private static VideoRequest request(String prompt) {
        return new VideoRequest(prompt, null, VideoOptions.DEFAULTS);
    }

    @Test
    void should_create_the_post_ask_for_the_video_and_cache_it_with_its_poster() {
        // given
        upstream.enqueue(video("vid-7", VIDEO));
        List<Integer> progress = new ArrayList<>();

        // when
        VideoResult result = service(FakeTokenSelector.of("token-a"))
                .generate(request("a wave"), progress::add, Cancellation.create());

        // then
        assertThat(progress).containsExactly(1, 60, 100);
        assertThat(result.video().name()).isEqualTo("users-u-generated-vid-7-generated_video.mp4");
        assertThat(result.video().contentType()).isEqualTo("image/jpeg");
        assertThat(result.poster().name()).isEqualTo("users-u-generated-vid-7-preview_image.jpg");
        assertThat(result.responseId()).isEqualTo("resp-v");
        assertThat(upstream.otherCalls()).contains("media-post:MEDIA_POST_TYPE_VIDEO:token-a");
        FakeGrokUpstream.Call call = upstream.calls().get(0);
        assertThat(call.request().message()).isEqualTo("a wave --mode=custom");
        assertThat(call.request().toolOverrides()).isEqualTo(Map.of("videoGen", true));
        assertThat(call.request().modelMap().get("videoGenModelConfig"))
                .isEqualTo(Map.of(
                        "parentPostId", "post-1",
                        "aspectRatio", "3:2",
                        "videoLength", 6,
                        "videoResolution", "SD"));
    }

    @Test
    void should_fail_when_the_video_is_not_the_one_grok_generated() {
        // given
        upstream.enqueue(video("vid-7", "users/demo/generated/demo/generated_video.mp4"));

        // when / then
        assertThatThrownBy(() -> service(FakeTokenSelector.of("token-a"))
                        .generate(request("a wave"), p -> {}, Cancellation.create()))
                .isInstanceOf(UpstreamStreamException.class)
                .extracting("code")
                .isEqualTo("invalid_upstream_result");
    }

    @Test
    void should_fail_when_grok_sends_a_placeholder_or_no_video() {
        // given
        upstream.enqueue(video("vid-7", "/"));
        upstream.enqueue(Script.events(new GrokEvent.VideoProgress(40, null, null, false, "vid-8")));
        VideoService service = service(FakeTokenSelector.of("token-a"));

        // when / then
        assertThatThrownBy(() -> service.generate(request("a"), p -> {}, Cancellation.create()))
                .extracting("code")
                .isEqualTo("invalid_upstream_result");
        assertThatThrownBy(() -> service.generate(request("b"), p -> {}, Cancellation.create()))
                .extracting("code")
                .isEqualTo("upstream_stream_error");
    }

    @Test
    void should_fail_on_a_moderated_video() {
        // given
        upstream.enqueue(Script.events(new GrokEvent.VideoProgress(100, VIDEO, null, true, "vid-7")));

        // when / then
        assertThatThrownBy(() -> service(FakeTokenSelector.of("token-a"))
                        .generate(request("a wave"), p -> {}, Cancellation.create()))
                .isInstanceOf(ContentModeratedException.class);
    }

    @Test
    void should_move_to_another_account_while_no_progress_was_reported() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a", "token-b");
        upstream.enqueue(Script.fail(() -> new UpstreamUnavailableException(503, "down", null, null)));
        upstream.enqueue(video("vid-7", VIDEO));

        // when
        VideoResult result = service(tokens).generate(request("a wave"), p -> {}, Cancellation.create());

        // then
        assertThat(result.video()).isNotNull();
        assertThat(tokens.outcomes())
                .extracting(FakeTokenSelector.Outcome::token)
                .containsExactly("token-a", "token-b");
    }

    @Test
    void should_not_retry_once_progress_reached_the_client() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a", "token-b");
        upstream.enqueue(Script.eventsThenFail(
                () -> UpstreamStreamException.truncated("cut"),
                new GrokEvent.VideoProgress(10, null, null, false, "v")));

        // when / then
        assertThatThrownBy(() -> service(tokens).generate(request("a wave"), p -> {}, Cancellation.create()))
                .isInstanceOf(UpstreamStreamException.class);
        assertThat(tokens.outcomes()).hasSize(1);
    }
}
