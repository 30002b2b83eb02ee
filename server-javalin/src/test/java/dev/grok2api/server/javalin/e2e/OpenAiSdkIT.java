package dev.grok2api.server.javalin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Node SDK ({@code openai} on npm, pinned by the committed {@code package-lock.json} in {@code
 * src/test/resources/openai-sdk}) against the real server: {@code chat.completions.create} (without {@code stream},
 * streamed with reasoning and usage, an error), {@code models.list}, and {@code images.generate} ({@code b64_json},
 * {@code url}, streaming, an error). {@code npm ci} installs the SDK once into a temporary directory; nothing is
 * written next to the sources.
 */
@RequiresNode
class OpenAiSdkIT {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.sdk-account.sig";
    private static final String KEY = "sk-sdk-images-test";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "images.mjs", "chat.mjs");

    @TempDir
    Path dataDir;

    @TempDir
    static Path project;

    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeAll
    static void installSdk() throws Exception {
        for (String file : FILES) {
            try (InputStream in = OpenAiSdkIT.class.getResourceAsStream("/openai-sdk/" + file)) {
                assertThat(in).as(file).isNotNull();
                Files.copy(in, project.resolve(file));
            }
        }
        run(Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }

    /** Runs a command in the project directory and returns its standard output; fails on a non-zero exit. */
    private static String run(Map<String, String> environment, String... command) throws Exception {
        Path log = project.resolve("stderr.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as(String.join(" ", command) + " finished")
                .isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " failed:\n" + out + Files.readString(log))
                .isZero();
        return out;
    }

    @Test
    void should_serve_images_generate_to_the_official_sdk() throws Exception {
        // given
        gateway = GatewayHarness.start(dataDir, o -> o.withSetting("app.api_key", KEY));
        gateway.addTokens(gateway.login(), TOKEN);
        gateway.grok.enqueueChat(GrokReply.images("sdk-1", "sdk-2"));
        gateway.grok.enqueueChat(GrokReply.images("sdk-3", "sdk-4"));
        gateway.grok.enqueueChat(GrokReply.images("sdk-5", "sdk-6"));

        // when
        String out = run(Map.of("GATEWAY_URL", gateway.server.localUrl(), "GATEWAY_KEY", KEY), "node", "images.mjs");

        // then
        Object result = JsonText.parse(out.strip());
        assertThat(JsonText.at(result, "b64.count")).isEqualTo(1L);
        String image = new String(
                Base64.getDecoder().decode((String) JsonText.at(result, "b64.b64_json")), StandardCharsets.UTF_8);
        assertThat(image).matches("mock-asset:/users/mock-user/generated/sdk-[12]/image\\.jpg");
        List<?> urls = (List<?>) JsonText.at(result, "url.urls");
        assertThat(urls)
                .hasSize(2)
                .allSatisfy(url -> assertThat((String) url)
                        .startsWith("http://127.0.0.1:8000/v1/files/image/users-mock-user-generated-sdk-"));
        List<?> events = (List<?>) JsonText.at(result, "events");
        assertThat(events).last().satisfies(last -> {
            assertThat(JsonText.at(last, "type")).isEqualTo("image_generation.completed");
            assertThat(JsonText.at(last, "hasImage")).isEqualTo(true);
        });
        assertThat(events).extracting(e -> JsonText.at(e, "type")).contains("image_generation.partial_image");
        assertThat(JsonText.at(result, "failure.status")).isEqualTo(400L);
        assertThat(JsonText.at(result, "failure.code")).isEqualTo("less_than_equal");
        assertThat(JsonText.at(result, "failure.param")).isEqualTo("body.n");
        assertThat(gateway.grok.chatRequests())
                .allSatisfy(call ->
                        assertThat(call.jsonAt("message")).isEqualTo("Image Generation: a red fox in the snow"));
    }

    @Test
    void should_serve_chat_completions_and_models_to_the_official_sdk() throws Exception {
        // given
        gateway = GatewayHarness.start(dataDir, o -> o.withSetting("app.api_key", KEY));
        gateway.addTokens(gateway.login(), TOKEN);
        gateway.grok.enqueueChat(GrokReply.text("Hello", " there!"));
        gateway.grok.enqueueChat(GrokReply.thinking(List.of("The user asks. ", "Paris."), List.of("It is Paris.")));

        // when
        String out = run(Map.of("GATEWAY_URL", gateway.server.localUrl(), "GATEWAY_KEY", KEY), "node", "chat.mjs");

        // then
        Object result = JsonText.parse(out.strip());
        assertThat(JsonText.at(result, "plain.object")).isEqualTo("chat.completion");
        assertThat(JsonText.at(result, "plain.content")).isEqualTo("Hello there!");
        assertThat(JsonText.at(result, "plain.finish")).isEqualTo("stop");
        assertThat((Long) JsonText.at(result, "plain.totalTokens")).isPositive();
        assertThat(JsonText.at(result, "stream.content")).isEqualTo("It is Paris.");
        assertThat(JsonText.at(result, "stream.reasoning")).isEqualTo("The user asks. Paris.");
        assertThat(JsonText.at(result, "stream.finish")).isEqualTo("stop");
        assertThat((Long) JsonText.at(result, "stream.completionTokens")).isPositive();
        assertThat(JsonText.at(result, "failure.status")).isEqualTo(400L);
        assertThat(JsonText.at(result, "failure.code")).isEqualTo("model_not_found");
        assertThat(JsonText.at(result, "models")).isEqualTo(15L);
        assertThat(gateway.grok.chatRequests().get(0).jsonAt("message")).isEqualTo("system: Be brief\n\nHi");
    }
}
