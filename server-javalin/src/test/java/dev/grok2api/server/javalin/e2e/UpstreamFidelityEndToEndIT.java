package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every meaningful part of Grok's answer stream reaches the client in its OpenAI form, through the real server. */
class UpstreamFidelityEndToEndIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.fidelity-account.sig";

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;

    private GatewayHarness start(UnaryOperator<ServerOptions> settings) {
        gateway = GatewayHarness.start(dataDir, settings);
        gateway.addTokens(gateway.login(), TOKEN);
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String ask(String model, boolean stream) {
        return chatBody(model, Map.of("stream", Boolean.toString(stream)), List.<String[]>of(new String[] {
            "user", "What is the capital of France?"
        }));
    }

    /** The concatenated {@code delta.<field>} of every chunk. */
    private static String joined(List<Object> chunks, String field) {
        StringBuilder out = new StringBuilder();
        for (Object chunk : chunks) {
            Object value = JsonText.at(chunk, "choices.0.delta." + field);
            if (value != null) {
                out.append(value);
            }
        }
        return out.toString();
    }

    private List<Object> streamChunks(String body) {
        return gateway.postForLines("/v1/chat/completions", body, null)
                .body()
                .filter(l -> l.startsWith("data: {"))
                .map(l -> JsonText.parse(l.substring(6)))
                .toList();
    }

    @Test
    void should_put_thinking_tool_calls_and_sources_in_reasoning_content_and_cite_the_sources() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.fixture("thinking-search.ndjson"));

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", ask("grok-4.1-thinking", false), null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response, "choices.0.message.content")).isEqualTo("The capital of France is Paris.");
        String reasoning = (String) json(response, "choices.0.message.reasoning_content");
        assertThat(reasoning)
                .contains("Thinking about your request")
                .contains("The user asks for the capital of France.")
                .contains("Searching the web: capital of France")
                .contains("- [Paris - Wikipedia](https://en.wikipedia.org/wiki/Paris)")
                .doesNotContain("xai:tool_usage_card");
        assertThat(json(response, "choices.0.message.annotations.0.type")).isEqualTo("url_citation");
        assertThat(json(response, "choices.0.message.annotations.0.url_citation.url"))
                .isEqualTo("https://en.wikipedia.org/wiki/Paris");
        assertThat(json(response, "system_fingerprint")).isEqualTo("Th1nk3r5");
        assertThat(json(response, "id")).isEqualTo("c1");
    }

    @Test
    void should_wrap_reasoning_in_think_tags_when_the_format_is_think_tags() {
        // given
        start(o -> o.withSetting("grok.thinking_format", "think_tags"));
        gateway.grok.enqueueChat(GrokReply.fixture("thinking-search.ndjson"));

        // when
        List<Object> chunks = streamChunks(ask("grok-4.1-thinking", true));

        // then
        String content = joined(chunks, "content");
        assertThat(content).startsWith("<think>\n").endsWith("\n</think>\nThe capital of France is Paris.");
        assertThat(content).contains("Searching the web: capital of France");
        assertThat(joined(chunks, "reasoning_content")).isEmpty();
    }

    @Test
    void should_hide_reasoning_when_the_format_is_hidden() {
        // given
        start(o -> o.withSetting("grok.thinking_format", "hidden"));
        gateway.grok.enqueueChat(GrokReply.fixture("thinking-search.ndjson"));

        // when
        List<Object> chunks = streamChunks(ask("grok-4.1-thinking", true));

        // then
        assertThat(joined(chunks, "content")).isEqualTo("The capital of France is Paris.");
        assertThat(joined(chunks, "reasoning_content")).isEmpty();
    }

    @Test
    void should_render_citation_cards_as_links_and_annotate_the_final_chunk() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.fixture("citations.ndjson"));

        // when
        List<Object> chunks = streamChunks(ask("grok-4.1-fast", true));

        // then
        String content = joined(chunks, "content");
        assertThat(content)
                .isEqualTo("Paris is the capital of France. [[1]](https://en.wikipedia.org/wiki/Paris) It is on the"
                        + " Seine.");
        Object last = chunks.get(chunks.size() - 1);
        assertThat(JsonText.at(last, "choices.0.finish_reason")).isEqualTo("stop");
        Object citation = JsonText.at(last, "choices.0.delta.annotations.0.url_citation");
        int start = ((Long) JsonText.at(citation, "start_index")).intValue();
        int end = ((Long) JsonText.at(citation, "end_index")).intValue();
        assertThat(content.substring(start, end)).isEqualTo("[[1]](https://en.wikipedia.org/wiki/Paris)");
        assertThat(JsonText.at(citation, "title")).isEqualTo("Paris - Wikipedia");
        assertThat(chunks).allSatisfy(c -> assertThat(JsonText.at(c, "id")).isEqualTo("e1"));
    }

    @Test
    void should_link_generated_images_to_the_local_media_route_and_serve_them() {
        // given
        start(o -> o.withSetting("app.app_url", ""));
        gateway.grok.enqueueChat(GrokReply.fixture("image.ndjson"));

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", ask("grok-imagine-1.0", false), null);

        // then
        String content = (String) json(response, "choices.0.message.content");
        String name = "users-1f2e3d4c-0000-4000-8000-00000000aaaa-generated-5b2e8c1a-7d3f-4e9b-a1c2-3d4e5f60718a"
                + "-image.jpg";
        assertThat(content)
                .startsWith("I'll generate images of a cat floating in space.\n")
                .contains("![5b2e8c1a-7d3f-4e9b-a1c2-3d4e5f60718a](/v1/files/image/" + name + ")")
                .contains("![9c8d7e6f-1111-4222-8333-444455556666](/v1/files/image/");
        assertThat((String) json(response, "choices.0.message.reasoning_content"))
                .contains("Generating image 1: 50%")
                .contains("Generating image 2: 100%");
        HttpResponse<String> image = gateway.get("/v1/files/image/" + name, null);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(image.body())
                .isEqualTo("mock-asset:/users/1f2e3d4c-0000-4000-8000-00000000aaaa/generated/"
                        + "5b2e8c1a-7d3f-4e9b-a1c2-3d4e5f60718a/image.jpg");
        assertThat(gateway.grok.requestsTo("/users/")).hasSize(2);
        assertThat(gateway.get("/v1/files/image/..-grok2api.db", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void should_inline_generated_images_as_data_uris_when_the_image_format_is_base64() {
        // given
        start(o -> o.withSetting("app.image_format", "base64"));
        gateway.grok.enqueueChat(GrokReply.fixture("image-card.ndjson"));

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", ask("grok-4.1-fast", false), null);

        // then
        String expected =
                Base64.getEncoder().encodeToString("mock-asset:/users/user_1/generated/cat/image.jpg".getBytes());
        assertThat((String) json(response, "choices.0.message.content"))
                .isEqualTo("Here is your cat. \n![cat](data:image/jpeg;base64," + expected + ")\n");
    }

    @Test
    void should_upload_data_uri_attachments_and_refuse_private_urls() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.text("A red dot."));
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        String body = "{\"model\":\"grok-4.1-fast\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + png + "\"}},"
                + "{\"type\":\"file\",\"file\":{\"file_data\":\""
                + Base64.getEncoder().encodeToString("notes".getBytes())
                + "\",\"filename\":\"notes.txt\"}}]}]}";
        String privateUrl = "{\"model\":\"grok-4.1-fast\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + gateway.grok.baseUrl()
                + "/users/u/generated/i/image.jpg\"}}]}]}";

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, null);
        HttpResponse<String> refused = gateway.post("/v1/chat/completions", privateUrl, null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<RecordedGrokRequest> uploads = gateway.grok.requestsTo("/rest/app-chat/upload-file");
        assertThat(uploads).hasSize(2);
        assertThat(uploads.get(0).jsonAt("fileName")).isEqualTo("notes.txt");
        assertThat(uploads.get(1).jsonAt("fileName")).isEqualTo("file.png");
        assertThat(uploads.get(1).jsonAt("fileMimeType")).isEqualTo("image/png");
        assertThat(uploads.get(1).jsonAt("content")).isEqualTo(png);
        assertThat(gateway.grok.singleChatRequest().jsonAt("fileAttachments")).isEqualTo(List.of("file-1", "file-2"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused, "error.code")).isEqualTo("invalid_attachment");
        assertThat((String) json(refused, "error.message"))
                .contains("127.0.0.1")
                .contains("grok.allow_private_attachment_urls");
    }

    @Test
    void should_fetch_remote_attachments_when_private_addresses_are_allowed() {
        // given
        start(o -> o.withSetting("grok.allow_private_attachment_urls", true));
        gateway.grok.enqueueChat(GrokReply.text("A cat."));
        String body = "{\"model\":\"grok-4.1-fast\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + gateway.grok.baseUrl()
                + "/users/u/generated/i/cat.jpg\"}}]}]}";

        // when
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body, null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RecordedGrokRequest upload =
                gateway.grok.requestsTo("/rest/app-chat/upload-file").get(0);
        assertThat(upload.jsonAt("fileName")).isEqualTo("cat.jpg");
        assertThat(upload.jsonAt("fileMimeType")).isEqualTo("image/jpeg");
        assertThat(gateway.grok
                        .requestsTo("/users/u/generated/i/cat.jpg")
                        .get(0)
                        .header("Cookie"))
                .isNull();
    }

    @Test
    void should_send_keep_alive_comments_while_the_upstream_stalls_then_finish_the_answer() {
        // given
        start(o -> o.withSetting("grok.heartbeat_seconds", 1));
        GrokReply.Stall stall =
                GrokReply.stall(List.of(), GrokReply.text("Finally", " here.").lines());
        gateway.grok.enqueueChat(stall);

        // when
        Iterator<String> lines = gateway.postForLines("/v1/chat/completions", ask("grok-3", true), null)
                .body()
                .iterator();
        List<String> before = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            before.add(line);
            if (line.equals(": keep-alive")) {
                break;
            }
        }
        stall.release();
        List<String> after = new ArrayList<>();
        lines.forEachRemaining(after::add);

        // then
        assertThat(before).last().isEqualTo(": keep-alive");
        assertThat(before).noneMatch(l -> l.startsWith("data:"));
        assertThat(String.join("\n", after)).contains("\"content\":\"Finally\"").endsWith("data: [DONE]\n");
    }

    @Test
    void should_deliver_each_token_while_grok_is_still_generating() throws Exception {
        // given: Grok sends two tokens, then thinks for as long as the test needs
        start(o -> o);
        List<String> answer = GrokReply.text("Hello", " world").lines();
        GrokReply.Stall stall = GrokReply.stall(answer.subList(0, 4), answer.subList(4, answer.size()));
        gateway.grok.enqueueChat(stall);

        try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
            // when
            Future<List<String>> untilWorld = client.submit(() -> {
                List<String> seen = new ArrayList<>();
                Iterator<String> lines = gateway.postForLines("/v1/chat/completions", ask("grok-3", true), null)
                        .body()
                        .iterator();
                while (lines.hasNext() && !String.join("", seen).contains("\" world\"")) {
                    seen.add(lines.next());
                }
                return seen;
            });

            // then
            try {
                assertThat(String.join("\n", untilWorld.get(10, TimeUnit.SECONDS)))
                        .contains("\"content\":\"Hello\"")
                        .contains("\"content\":\" world\"")
                        .doesNotContain("[DONE]");
            } finally {
                stall.release();
            }
        }
    }

    @Test
    void should_end_a_started_stream_with_an_error_event_and_done_when_the_upstream_is_cut() {
        // given
        start(o -> o);
        gateway.grok.enqueueChat(GrokReply.cut("cut.ndjson"));

        // when
        List<String> lines = gateway.postForLines("/v1/chat/completions", ask("grok-3", true), null)
                .body()
                .filter(l -> l.startsWith("data: "))
                .toList();

        // then
        assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
        Object error = JsonText.parse(lines.get(lines.size() - 2).substring(6));
        assertThat(JsonText.at(error, "error.code")).isEqualTo("upstream_stream_error");
        assertThat(String.join("", lines)).contains("The answer starts");
    }
}
