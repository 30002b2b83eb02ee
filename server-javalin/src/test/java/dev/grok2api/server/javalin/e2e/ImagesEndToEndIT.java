package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/images/generations}, {@code /v1/images/edits} and {@code /v1/images/method} through the real server. */
class ImagesEndToEndIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.images-account.sig";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;

    private GatewayHarness start(UnaryOperator<ServerOptions> settings) {
        gateway = GatewayHarness.start(dataDir, o -> settings.apply(o.withSetting("app.app_url", "")));
        gateway.addTokens(gateway.login(), TOKEN);
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private HttpResponse<String> generate(String json) {
        return gateway.post("/v1/images/generations", json, null);
    }

    /** A named server-sent event. */
    record Event(String name, Object data) {}

    private List<Event> stream(String path, String json) {
        List<String> lines = gateway.postForLines(path, json, null).body().toList();
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : lines) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                events.add(new Event(name, JsonText.parse(line.substring(6))));
            }
        }
        return events;
    }

    private static String asset(String id) {
        return "mock-asset:/users/mock-user/generated/" + id + "/image.jpg";
    }

    private static String decoded(Object b64) {
        return new String(Base64.getDecoder().decode((String) b64), StandardCharsets.UTF_8);
    }

    @Test
    void should_generate_one_image_as_a_cached_url_with_the_legacy_method() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("cat-1", "cat-2"));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a cat\",\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(1);
        String url = (String) json(response, "data.0.url");
        assertThat(url).matches("/v1/files/image/users-mock-user-generated-cat-[12]-image\\.jpg");
        assertThat(json(response, "usage.total_tokens")).isEqualTo(0L);
        assertThat(response.headers().firstValue("X-Grok2API-Images-Missing")).isEmpty();
        RecordedGrokRequest call = gateway.grok.singleChatRequest();
        assertThat(call.jsonAt("message")).isEqualTo("Image Generation: a cat");
        assertThat(call.jsonAt("modelName")).isEqualTo("grok-3");
        assertThat(call.jsonAt("modelMode")).isEqualTo("MODEL_MODE_FAST");
        HttpResponse<byte[]> file = gateway.getBytes(url, Map.of());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body(), StandardCharsets.UTF_8))
                .isEqualTo(asset(url.contains("cat-1") ? "cat-1" : "cat-2"));
    }

    @Test
    void should_return_bare_base64_in_b64_json_and_base64_fields() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("b64-1", "b64-2"));
        gateway.grok.enqueueChat(GrokReply.images("raw-1", "raw-2"));

        // when
        HttpResponse<String> b64Json = generate("{\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"b64_json\"}");
        HttpResponse<String> base64 = generate("{\"prompt\":\"a dog\",\"n\":2,\"response_format\":\"BASE64\"}");

        // then
        assertThat(b64Json.statusCode()).as(b64Json.body()).isEqualTo(200);
        List<String> values =
                List.of(decoded(json(b64Json, "data.0.b64_json")), decoded(json(b64Json, "data.1.b64_json")));
        assertThat(values).containsExactlyInAnyOrder(asset("b64-1"), asset("b64-2"));
        assertThat((String) json(b64Json, "data.0.b64_json")).doesNotStartWith("data:");
        assertThat(base64.statusCode()).as(base64.body()).isEqualTo(200);
        assertThat(decoded(json(base64, "data.0.base64"))).startsWith("mock-asset:/users/mock-user/generated/raw-");
    }

    @Test
    void should_make_one_legacy_call_per_two_images_and_return_distinct_images() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("p-1", "p-2"));
        gateway.grok.enqueueChat(GrokReply.images("p-3", "p-4"));

        // when
        HttpResponse<String> response =
                generate("{\"prompt\":\"three cats\",\"n\":3,\"concurrency\":2,\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<?> data = (List<?>) json(response, "data");
        assertThat(data).hasSize(3);
        assertThat(data.stream().map(d -> JsonText.at(d, "url")).distinct()).hasSize(3);
        assertThat(gateway.grok.chatRequests()).hasSize(2);
    }

    @Test
    void should_stream_progress_and_one_completed_image_for_n_1() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("s-1", "s-2"));

        // when
        List<Event> events = stream(
                "/v1/images/generations", "{\"prompt\":\"a cat\",\"stream\":true,\"response_format\":\"b64_json\"}");

        // then
        assertThat(events)
                .extracting(Event::name)
                .containsExactly(
                        "image_generation.partial_image",
                        "image_generation.partial_image",
                        "image_generation.completed");
        assertThat(events)
                .allSatisfy(e -> assertThat(JsonText.at(e.data(), "index")).isEqualTo(0L));
        assertThat(JsonText.at(events.get(0).data(), "progress")).isEqualTo(50L);
        assertThat(JsonText.at(events.get(0).data(), "b64_json")).isEqualTo("");
        Object completed = events.get(2).data();
        assertThat(JsonText.at(completed, "type")).isEqualTo("image_generation.completed");
        assertThat(decoded(JsonText.at(completed, "b64_json"))).isIn(asset("s-1"), asset("s-2"));
        assertThat(JsonText.at(completed, "usage.total_tokens")).isEqualTo(50L);
    }

    @Test
    void should_stream_both_images_with_their_indices_for_n_2() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("t-1", "t-2"));

        // when
        List<Event> events = stream(
                "/v1/images/generations", "{\"prompt\":\"a cat\",\"n\":2,\"stream\":true,\"response_format\":\"url\"}");

        // then
        List<Event> completed = events.stream()
                .filter(e -> "image_generation.completed".equals(e.name()))
                .toList();
        assertThat(completed).extracting(e -> JsonText.at(e.data(), "index")).containsExactly(0L, 1L);
        assertThat(completed)
                .extracting(e -> JsonText.at(e.data(), "url"))
                .containsExactly(
                        "/v1/files/image/users-mock-user-generated-t-1-image.jpg",
                        "/v1/files/image/users-mock-user-generated-t-2-image.jpg");
    }

    @Test
    void should_generate_over_the_imagine_websocket_when_configured() {
        // given
        start(o -> o.withSetting("grok.image_generation_method", "imagine_ws"));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a fox\",\"n\":2,\"size\":\"1024x576\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(decoded(json(response, "data.0.b64_json"))).isEqualTo("mock-asset:/imagine-public/images/img-0.jpg");
        assertThat(decoded(json(response, "data.1.b64_json"))).isEqualTo("mock-asset:/imagine-public/images/img-1.jpg");
        assertThat(gateway.grok.chatRequests()).isEmpty();
        Object sent = JsonText.parse(gateway.grok.websocketMessages().get(0));
        assertThat(JsonText.at(sent, "item.content.0.text")).isEqualTo("a fox");
        assertThat(JsonText.at(sent, "item.content.0.properties.aspect_ratio")).isEqualTo("16:9");
        assertThat(json(gateway.get("/v1/images/method", null), "image_generation_method"))
                .isEqualTo("imagine_ws_experimental");
    }

    @Test
    void should_stream_imagine_progress_and_images_in_real_time() {
        // given
        start(o -> o.withSetting("grok.image_generation_method", "imagine_ws_experimental"));

        // when
        List<Event> events = stream("/v1/images/generations", "{\"prompt\":\"a fox\",\"n\":2,\"stream\":true}");

        // then
        assertThat(events)
                .filteredOn(e -> "image_generation.partial_image".equals(e.name()))
                .extracting(e -> JsonText.at(e.data(), "index"))
                .contains(0L, 1L);
        assertThat(events)
                .filteredOn(e -> "image_generation.completed".equals(e.name()))
                .extracting(e -> decoded(JsonText.at(e.data(), "b64_json")))
                .containsExactly(
                        "mock-asset:/imagine-public/images/img-0.jpg", "mock-asset:/imagine-public/images/img-1.jpg");
    }

    @Test
    void should_fall_back_to_the_legacy_method_when_the_imagine_websocket_is_refused() {
        // given
        start(o -> o.withSetting("grok.image_generation_method", "imagine_ws_experimental"));
        gateway.grok.refuseImagine(403);
        gateway.grok.enqueueChat(GrokReply.images("fb-1", "fb-2"));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a fox\",\"n\":2,\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(2);
        assertThat(gateway.grok.requestsTo("/ws/imagine/listen")).isNotEmpty();
        assertThat(gateway.grok.singleChatRequest().jsonAt("message")).isEqualTo("Image Generation: a fox");
    }

    @Test
    void should_not_return_a_moderated_image_and_say_that_one_is_missing() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images(List.of("ok-1", "bad-2"), Set.of(1)));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(1);
        assertThat(json(response, "data.0.url")).isEqualTo("/v1/files/image/users-mock-user-generated-ok-1-image.jpg");
        assertThat(response.headers().firstValue("X-Grok2API-Images-Missing")).contains("1");
        assertThat(json(response, "incomplete.requested")).isEqualTo(2L);
        assertThat(json(response, "incomplete.delivered")).isEqualTo(1L);
        assertThat(json(response, "incomplete.reasons").toString()).contains("moderated");
    }

    @Test
    void should_answer_400_content_policy_violation_when_every_image_is_moderated() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images(List.of("bad-1", "bad-2"), Set.of(0, 1)));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a cat\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response, "error.code")).isEqualTo("content_policy_violation");
    }

    @Test
    void should_replace_an_image_whose_download_failed_with_the_other_one() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("missing-1", "spare-2"));
        gateway.grok.enqueueChat(GrokReply.images("missing-3", "spare-4"));

        // when
        HttpResponse<String> one = generate("{\"prompt\":\"a cat\",\"n\":1,\"response_format\":\"url\"}");
        HttpResponse<String> two = generate("{\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"url\"}");

        // then
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json(one, "data.0.url")).isEqualTo("/v1/files/image/users-mock-user-generated-spare-2-image.jpg");
        assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
        assertThat((List<?>) json(two, "data")).hasSize(1);
        assertThat(json(two, "incomplete.reasons").toString()).contains("could not be downloaded");
    }

    @Test
    void should_answer_502_when_no_image_can_be_downloaded() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("missing-1", "missing-2"));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a cat\",\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(json(response, "error.type")).isEqualTo("server_error");
    }

    @Test
    void should_pad_missing_images_with_error_strings_when_the_compat_setting_asks() {
        // given
        start(o -> o.withSetting("app.image_pad_missing", true));
        gateway.grok.enqueueChat(GrokReply.images(List.of("ok-1", "bad-2"), Set.of(1)));

        // when
        HttpResponse<String> response = generate("{\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"url\"}");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(2);
        assertThat(json(response, "data.1.url")).isEqualTo("error");
    }

    @Test
    void should_end_a_stream_that_misses_an_image_with_an_error_event() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images(List.of("ok-1", "bad-2"), Set.of(1)));

        // when
        List<Event> events = stream(
                "/v1/images/generations", "{\"prompt\":\"a cat\",\"n\":2,\"stream\":true,\"response_format\":\"url\"}");

        // then
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("image_generation.error");
        assertThat(JsonText.at(last.data(), "error.code")).isEqualTo("images_missing");
        assertThat(JsonText.at(last.data(), "missing")).isEqualTo(1L);
        assertThat(events)
                .filteredOn(e -> "image_generation.completed".equals(e.name()))
                .hasSize(1);
    }

    @Test
    void should_refuse_every_invalid_generation_field_with_the_reference_code() {
        // given
        start(o -> o);
        Map<String, String[]> cases = Map.of(
                "{\"prompt\":\"  \"}", new String[] {"empty_prompt", "prompt"},
                "{\"prompt\":\"x\",\"model\":\"grok-4\"}", new String[] {"model_not_supported", "model"},
                "{\"prompt\":\"x\",\"n\":0}", new String[] {"greater_than_equal", "body.n"},
                "{\"prompt\":\"x\",\"n\":11}", new String[] {"less_than_equal", "body.n"},
                "{\"prompt\":\"x\",\"n\":3,\"stream\":true}", new String[] {"invalid_stream_n", "n"},
                "{\"prompt\":\"x\",\"concurrency\":0}", new String[] {"greater_than_equal", "body.concurrency"},
                "{\"prompt\":\"x\",\"concurrency\":4}", new String[] {"less_than_equal", "body.concurrency"},
                "{\"prompt\":\"x\",\"response_format\":\"png\"}",
                        new String[] {"invalid_response_format", "response_format"},
                "{\"prompt\":\"x\",", new String[] {"json_invalid", "body"});

        // when / then
        cases.forEach((body, expected) -> {
            HttpResponse<String> response = generate(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response, "error.code")).as(body).isEqualTo(expected[0]);
            assertThat(json(response, "error.param")).as(body).isEqualTo(expected[1]);
            assertThat(json(response, "error.type")).as(body).isEqualTo("invalid_request_error");
        });
        assertThat(gateway.grok.chatRequests()).isEmpty();
    }

    @Test
    void should_edit_one_image_uploading_it_and_asking_for_an_image_edit() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("edit-1", "edit-2"));
        Multipart form = new Multipart()
                .field("prompt", "make it blue")
                .field("response_format", "url")
                .file("image", "cat.png", "image/png", PNG);

        // when
        HttpResponse<String> response = gateway.postBytes("/v1/images/edits", form.contentType(), form.bytes(), null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(1);
        RecordedGrokRequest call = gateway.grok.singleChatRequest();
        assertThat(call.jsonAt("modelName")).isEqualTo("imagine-image-edit");
        assertThat(call.jsonAt("message")).isEqualTo("Image Edit: make it blue");
        List<?> attached = (List<?>) call.jsonAt("fileAttachments");
        assertThat(attached).hasSize(1);
        assertThat(gateway.grok.uploaded((String) attached.get(0))).isEqualTo(PNG);
    }

    @Test
    void should_edit_three_images_sent_as_image_and_image_array_fields() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.images("e3-1", "e3-2"));
        Multipart form = new Multipart()
                .field("prompt", "combine them")
                .field("n", "2")
                .file("image", "a.png", "image/png", PNG)
                .file("image[]", "b.webp", "application/octet-stream", new byte[] {1, 2, 3})
                .file("image[]", "c.jpg", "image/jpeg", new byte[] {4, 5, 6});

        // when
        HttpResponse<String> response = gateway.postBytes("/v1/images/edits", form.contentType(), form.bytes(), null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((List<?>) json(response, "data")).hasSize(2);
        assertThat((List<?>) gateway.grok.singleChatRequest().jsonAt("fileAttachments"))
                .hasSize(3);
        assertThat(gateway.grok.requestsTo("/rest/app-chat/upload-file"))
                .extracting(r -> r.jsonAt("fileMimeType"))
                .containsExactly("image/png", "image/webp", "image/jpeg");
    }

    @Test
    void should_refuse_every_invalid_edit_with_the_reference_code() {
        // given
        start(o -> o);
        Multipart tooMany = new Multipart().field("prompt", "x");
        for (int i = 0; i < 17; i++) {
            tooMany.file("image[]", i + ".png", "image/png", PNG);
        }
        Map<String, Multipart> cases = Map.of(
                "missing_image", new Multipart().field("prompt", "x"),
                "invalid_image_count", tooMany,
                "empty_file", new Multipart().field("prompt", "x").file("image", "a.png", "image/png", new byte[0]),
                "invalid_image_type",
                        new Multipart().field("prompt", "x").file("image", "a.gif", "image/gif", new byte[] {1}),
                "model_not_supported",
                        new Multipart()
                                .field("prompt", "x")
                                .field("model", "grok-imagine-1.0")
                                .file("image", "a.png", "image/png", PNG),
                "empty_prompt", new Multipart().field("prompt", " ").file("image", "a.png", "image/png", PNG),
                "less_than_equal",
                        new Multipart().field("prompt", "x").field("n", "11").file("image", "a.png", "image/png", PNG));

        // when / then
        cases.forEach((code, form) -> {
            HttpResponse<String> response =
                    gateway.postBytes("/v1/images/edits", form.contentType(), form.bytes(), null);
            assertThat(response.statusCode()).as(code + ": " + response.body()).isEqualTo(400);
            assertThat(json(response, "error.code")).as(code).isEqualTo(code);
        });
        assertThat(gateway.grok.chatRequests()).isEmpty();
    }

    @Test
    void should_report_the_normalised_method() {
        // given
        start(o -> o.withSetting("grok.image_generation_method", "legacy"));

        // when
        HttpResponse<String> response = gateway.get("/v1/images/method", null);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"image_generation_method\":\"legacy\"}");
    }

    @Test
    void should_charge_n_images_against_the_daily_image_quota() {
        // given
        start(o -> o);
        String key = (String) json(
                gateway.post(
                        "/api/v1/admin/keys",
                        "{\"name\":\"painter\",\"limits\":{\"image_per_day\":2}}",
                        gateway.login()),
                "data.key");

        // when
        HttpResponse<String> response = gateway.post("/v1/images/generations", "{\"prompt\":\"x\",\"n\":3}", key);

        // then
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response, "error.message")).isEqualTo("Daily quota exceeded: image");
    }

    @Test
    void should_charge_only_the_images_delivered_when_one_is_moderated() {
        // given
        start(o -> o);
        String session = gateway.login();
        String key = (String) json(
                gateway.post("/api/v1/admin/keys", "{\"name\":\"painter\",\"limits\":{\"image_per_day\":5}}", session),
                "data.key");
        gateway.grok.enqueueChat(GrokReply.images(List.of("ok-1", "bad-2"), Set.of(1)));

        // when
        HttpResponse<String> response = gateway.post(
                "/v1/images/generations", "{\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"url\"}", key);

        // then
        assertThat((List<?>) json(response, "data")).hasSize(1);
        HttpResponse<String> keys = gateway.get("/api/v1/admin/keys", session);
        assertThat(json(keys, "data.0.usage_today.image_used")).isEqualTo(1L);
    }
}
