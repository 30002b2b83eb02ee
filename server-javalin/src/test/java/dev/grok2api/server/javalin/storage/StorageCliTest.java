package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return StorageCli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void should_import_a_reference_directory_then_export_and_import_the_state_into_another_store()
            throws URISyntaxException {
        // given
        Path reference = Path.of(getClass().getResource("/reference-data").toURI());
        Map<String, String> first =
                Map.of("GROK2API_DATA_DIR", dir.resolve("first").toString());
        Map<String, String> second = Map.of(
                "SERVER_STORAGE_TYPE",
                "sqlite",
                "SERVER_STORAGE_URL",
                dir.resolve("second.db").toString());
        Path export = dir.resolve("state.json");

        // when
        int imported = run(first, "import-reference", reference.toString());
        int exported = run(first, "export", export.toString());
        int restored = run(second, "import", export.toString());

        // then
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(imported).isZero();
        assertThat(exported).isZero();
        assertThat(restored).isZero();
        assertThat(export).exists();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("tokens: 5 imported")
                .contains("api keys: 2 imported")
                .contains("keep it private");
        assertThat(output.lines().filter(l -> l.startsWith("tokens: 5 imported")))
                .hasSize(2);
    }

    @Test
    void should_print_the_fix_without_a_stack_trace_when_the_storage_url_is_missing() {
        int code = run(Map.of("SERVER_STORAGE_TYPE", "pgsql"), "export");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("SERVER_STORAGE_URL")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void should_explain_usage_when_a_command_is_unknown_or_incomplete() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(run(Map.of("GROK2API_DATA_DIR", dir.toString()), "import")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command")
                .contains("import needs");
        assertThat(Files.exists(dir.resolve("grok2api.db"))).isFalse();
    }
}
