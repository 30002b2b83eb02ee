package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageMethod;
import dev.grok2api.core.image.ImageRequest;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.image.ImageStreamListener;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.FakeGrokUpstream.Script;
import dev.grok2api.testkit.fake.FakeTokenSelector;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageServiceTest {
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();
    private final MutableSettings settings = MutableSettings.defaults().set("app.app_url", "http://gw.example");
    private final InMemoryMediaStore store = new InMemoryMediaStore();

    private ImageService service(FakeTokenSelector tokens) {
        return new ImageService(
                ModelCatalog.standard(),
                tokens,
                upstream,
                new MediaLinks(store, upstream, settings),
                settings,
                new Random(3));
    }

    private static ImageRequest request(int count, ImageFormat format) {
        return new ImageRequest("a cat", count, "2:3", format, 1, List.of());
    }

    /** A legacy answer drawing two images {@code users/u/generated/<id>/image.jpg}. */
    private static Script twoImages(String first, String second, boolean secondModerated) {
        String a = "users/u/generated/" + first + "/image.jpg";
        String b = "users/u/generated/" + second + "/image.jpg";
        return Script.events(
                new GrokEvent.ImageProgress(0, 50, "users/u/generated/" + first + "-part/image.jpg", false),
                new GrokEvent.ImageProgress(1, 50, "users/u/generated/" + second + "-part/image.jpg", false),
                new GrokEvent.ImageProgress(0, 100, a, false),
                new GrokEvent.ImageProgress(1, 100, b, secondModerated),
                new GrokEvent.FinalResponse("r", "", List.of(a, b), null, null));
    }

    @Test
    void should_ask_for_an_image_generation_and_link_the_cached_image() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a");
        upstream.enqueue(twoImages("one", "two", false));

        // when
        ImageResult result = service(tokens).generate(request(2, ImageFormat.URL), Cancellation.create());

        // then
        assertThat(result.images())
                .containsExactly(
                        new GeneratedImage(0, "http://gw.example/v1/files/image/users-u-generated-one-image.jpg"),
                        new GeneratedImage(1, "http://gw.example/v1/files/image/users-u-generated-two-image.jpg"));
        assertThat(result.missing()).isZero();
        FakeGrokUpstream.Call call = upstream.calls().get(0);
        assertThat(call.request().message()).isEqualTo("Image Generation: a cat");
        assertThat(call.request().modelName()).isEqualTo("grok-3");
        assertThat(upstream.otherCalls()).contains("download:users/u/generated/one/image.jpg:token-a");
        assertThat(tokens.outcomes()).containsExactly(new FakeTokenSelector.Outcome("token-a", null));
    }

    @Test
    void should_encode_bare_base64_without_keeping_the_file_when_the_cache_is_off_for_base64() {
        // given
        settings.set("cache.keep_base64_cache", false);
        upstream.enqueue(twoImages("one", "two", false));

        // when
        ImageResult result = service(FakeTokenSelector.of("token-a"))
                .generate(request(1, ImageFormat.B64_JSON), Cancellation.create());

        // then
        String decoded =
                new String(Base64.getDecoder().decode(result.images().get(0).value()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("fake-asset:users/u/generated/");
        assertThat(store.size()).isZero();
    }

    @Test
    void should_leave_out_a_moderated_image_and_say_why() {
        // given
        upstream.enqueue(twoImages("one", "two", true));

        // when
        ImageResult result =
                service(FakeTokenSelector.of("token-a")).generate(request(2, ImageFormat.URL), Cancellation.create());

        // then
        assertThat(result.images()).extracting(GeneratedImage::index).containsExactly(0);
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.shortfall()).containsExactly("Grok moderated an image (content policy).");
    }

    @Test
    void should_fail_with_content_policy_violation_when_the_only_images_are_moderated() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.ImageProgress(0, 100, "users/u/generated/x/image.jpg", true),
                new GrokEvent.ImageProgress(1, 100, "users/u/generated/y/image.jpg", true),
                new GrokEvent.FinalResponse(
                        "r",
                        "",
                        List.of("users/u/generated/x/image.jpg", "users/u/generated/y/image.jpg"),
                        null,
                        null)));

        // when / then
        assertThatThrownBy(() -> service(FakeTokenSelector.of("token-a"))
                        .generate(request(1, ImageFormat.URL), Cancellation.create()))
                .isInstanceOf(ContentModeratedException.class);
    }

    @Test
    void should_use_the_surplus_image_when_a_download_fails() {
        // given
        upstream.enqueue(twoImages("missing-one", "two", false));

        // when
        ImageResult result =
                service(FakeTokenSelector.of("token-a")).generate(request(1, ImageFormat.URL), Cancellation.create());

        // then
        assertThat(result.images()).hasSize(1);
        assertThat(result.images().get(0).value()).endsWith("users-u-generated-two-image.jpg");
        assertThat(result.missing()).isZero();
    }

    @Test
    void should_try_another_account_after_a_rate_limit() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a", "token-b");
        upstream.enqueue(Script.fail(() -> new UpstreamRateLimitedException(429, null, "limit")));
        upstream.enqueue(twoImages("one", "two", false));

        // when
        ImageResult result = service(tokens).generate(request(2, ImageFormat.URL), Cancellation.create());

        // then
        assertThat(result.images()).hasSize(2);
        assertThat(tokens.outcomes())
                .extracting(FakeTokenSelector.Outcome::token)
                .containsExactly("token-a", "token-b");
        assertThat(tokens.outcomes().get(0).success()).isFalse();
        assertThat(upstream.otherCalls()).contains("download:users/u/generated/one/image.jpg:token-b");
    }

    @Test
    void should_answer_429_when_no_account_can_serve() {
        // when / then
        assertThatThrownBy(() ->
                        service(FakeTokenSelector.of()).generate(request(1, ImageFormat.URL), Cancellation.create()))
                .isInstanceOf(RateLimitException.class)
                .extracting("code")
                .isEqualTo("rate_limit_exceeded");
    }

    @Test
    void should_run_one_call_per_two_images_with_the_requested_concurrency() {
        // given
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(twoImages("c" + i + "a", "c" + i + "b", false));
        }
        ImageRequest six = new ImageRequest("a cat", 6, "2:3", ImageFormat.URL, 3, List.of());

        // when
        ImageResult result = service(FakeTokenSelector.of("token-a")).generate(six, Cancellation.create());

        // then
        assertThat(result.images()).hasSize(6);
        assertThat(result.images()).extracting(GeneratedImage::value).doesNotHaveDuplicates();
        assertThat(upstream.calls()).hasSize(3);
    }

    @Test
    void should_generate_over_the_imagine_websocket_and_top_up_with_legacy_calls() {
        // given
        upstream.imagineModerated(Set.of(1));
        upstream.enqueue(twoImages("legacy-1", "legacy-2", false));

        // when
        ImageResult result = service(FakeTokenSelector.of("token-a"))
                .generate(request(3, ImageFormat.URL), ImageMethod.IMAGINE_WS, null, Cancellation.create());

        // then
        assertThat(result.images()).hasSize(3);
        assertThat(result.images())
                .extracting(GeneratedImage::value)
                .anyMatch(v -> v.endsWith("imagine-1-0.jpg"))
                .anyMatch(v -> v.endsWith("imagine-1-2.jpg"))
                .anyMatch(v -> v.contains("legacy-"));
        assertThat(upstream.otherCalls()).contains("imagine:a cat:token-a");
    }

    @Test
    void should_fall_back_to_legacy_when_the_imagine_websocket_fails() {
        // given
        upstream.imagineFails(() -> new UpstreamUnavailableException(503, "down", "down", null));
        upstream.enqueue(twoImages("fb-1", "fb-2", false));

        // when
        ImageResult result = service(FakeTokenSelector.of("token-a"))
                .generate(request(2, ImageFormat.URL), ImageMethod.IMAGINE_WS, null, Cancellation.create());

        // then
        assertThat(result.images()).hasSize(2);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void should_stream_progress_of_the_chosen_image_only_as_index_0() {
        // given
        upstream.enqueue(twoImages("one", "two", false));
        List<String> seen = new ArrayList<>();

        // when
        service(FakeTokenSelector.of("token-a")).stream(
                request(1, ImageFormat.URL),
                new ImageStreamListener() {
                    @Override
                    public void onProgress(int index, int percent) {
                        seen.add("progress " + index + " " + percent);
                    }

                    @Override
                    public void onImage(GeneratedImage image) {
                        seen.add("image " + image.index());
                    }
                },
                Cancellation.create());

        // then
        assertThat(seen).containsExactly("progress 0 50", "progress 0 100", "image 0");
    }

    @Test
    void should_upload_the_sources_once_per_account_for_an_edit() {
        // given
        FileUpload source = new FileUpload("a.png", "image/png", new byte[] {1});
        upstream.enqueue(twoImages("e1", "e2", false));
        upstream.enqueue(twoImages("e3", "e4", false));
        ImageRequest edit = new ImageRequest("make it blue", 4, "1:1", ImageFormat.URL, 1, List.of(source));

        // when
        ImageResult result = service(FakeTokenSelector.of("token-a")).generate(edit, Cancellation.create());

        // then
        assertThat(result.images()).hasSize(4);
        assertThat(upstream.uploads()).hasSize(1);
        assertThat(upstream.calls()).allSatisfy(call -> {
            assertThat(call.request().modelName()).isEqualTo("imagine-image-edit");
            assertThat(call.request().message()).isEqualTo("Image Edit: make it blue");
            assertThat(call.request().fileAttachments()).containsExactly("file-1");
        });
    }

    @Test
    void should_reference_the_uploaded_sources_in_an_imagine_edit() {
        // given
        FileUpload source = new FileUpload("a.png", "image/png", new byte[] {1});
        upstream.enqueue(twoImages("e1", "e2", false));
        ImageRequest edit = new ImageRequest("make it blue", 1, "1:1", ImageFormat.URL, 1, List.of(source));

        // when
        service(FakeTokenSelector.of("token-a")).generate(edit, ImageMethod.IMAGINE_WS, null, Cancellation.create());

        // then
        FakeGrokUpstream.Call call = upstream.calls().get(0);
        assertThat(call.request().message()).isEqualTo("make it blue");
        assertThat(call.request().modelMode()).isNull();
        assertThat(call.request().toolOverrides()).isEqualTo(Map.of("imageGen", true));
        assertThat(call.request().modelMap())
                .isEqualTo(Map.of(
                        "imageEditModel",
                        "imagine",
                        "imageEditModelConfig",
                        Map.of("imageReferences", List.of("https://assets.grok.com/users/fake/file-1/content"))));
    }
}
