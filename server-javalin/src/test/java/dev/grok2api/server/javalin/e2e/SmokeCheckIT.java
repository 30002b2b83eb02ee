package dev.grok2api.server.javalin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.tools.SmokeCheck;
import dev.grok2api.testkit.grok.GrokReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's smoke check against the real server. */
class SmokeCheckIT {
    private static final String KEY = "sk-smoke-test-key-0123456789";

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir, options -> options.withSetting("app.api_key", KEY));
        gateway.addTokens(gateway.login(), "sso=eyJhbGciOiJIUzI1NiJ9.smoke-account.sig");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private int smoke(String... args) {
        return SmokeCheck.run(args, Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_pass_every_check_against_a_healthy_server() {
        // given
        gateway.grok.enqueueChat(GrokReply.text("pong"));

        // when
        int status = smoke("--base-url", gateway.server.localUrl() + "/", "--api-key", KEY, "--model", "grok-3");

        // then
        assertThat(status).as(printed()).isZero();
        assertThat(printed().lines())
                .containsExactly(
                        "[smoke] health: ok (runtime java-javalin)",
                        "[smoke] login page: ok (200)",
                        "[smoke] models: ok (15 models)",
                        "[smoke] image method: ok (legacy)",
                        "[smoke] image stream: skipped (generates an image; enable with --check-image-stream)",
                        "[smoke] chat: ok (grok-3 answered 4 characters)",
                        "[smoke] all checks passed against " + gateway.server.localUrl());
    }

    @Test
    void should_check_an_image_stream_when_asked() {
        // given
        gateway.grok.enqueueChat(GrokReply.images("smoke-1", "smoke-2"));

        // when
        int status =
                smoke("--base-url", gateway.server.localUrl(), "--api-key", KEY, "--check-image-stream", "--skip-chat");

        // then
        assertThat(status).as(printed()).isZero();
        assertThat(printed()).contains("[smoke] image stream: ok (text/event-stream)");
    }

    @Test
    void should_stop_at_the_first_failure_with_a_non_zero_status() {
        // when
        int status = smoke("--base-url", gateway.server.localUrl(), "--api-key", "sk-wrong");

        // then
        assertThat(status).isEqualTo(1);
        assertThat(printed()).contains("[smoke] models failed: status=401").doesNotContain("[smoke] chat");
    }

    @Test
    void should_reject_bad_arguments_with_status_two() {
        assertThat(smoke("--base-url", "localhost:8000")).isEqualTo(2);
        assertThat(smoke("--frobnicate")).isEqualTo(2);
        assertThat(printed()).contains("usage: scripts/grok2api smoke");
    }
}
