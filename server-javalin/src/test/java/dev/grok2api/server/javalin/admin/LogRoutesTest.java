package dev.grok2api.server.javalin.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRoutesTest {
    @TempDir
    Path dir;

    @Test
    void should_refuse_names_that_could_leave_the_log_directory() throws IOException {
        // given
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Files.writeString(dir.resolve("secret.log"), "outside");
        LogRoutes routes = new LogRoutes(logs);

        // then
        for (String name : List.of("../secret.log", "..", "a/b.log", "a\\b.log", "..\\secret.log")) {
            assertThatThrownBy(() -> routes.resolve(name)).as(name).isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> routes.resolve("missing.log")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void should_keep_the_last_lines_and_drop_a_line_cut_by_the_size_limit() throws IOException {
        // given: more than the byte limit, so reading starts inside a line
        Path file = dir.resolve("big.log");
        StringBuilder text = new StringBuilder();
        int lines = LogRoutes.TAIL_BYTES / 10 + 100;
        for (int i = 0; i < lines; i++) {
            text.append(String.format("line %04d\n", i % 10_000));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);

        // when
        List<String> tail = LogRoutes.lastLines(file, 5000);
        List<String> three = LogRoutes.lastLines(file, 3);

        // then
        assertThat(tail).hasSize(5000).allMatch(line -> line.matches("line \\d{4}"));
        assertThat(three).hasSize(3).last().isEqualTo(String.format("line %04d", (lines - 1) % 10_000));
    }

    @Test
    void should_render_json_lines_readably_and_leave_other_lines_alone() {
        String json = "{\"time\":\"2030-01-02T03:04:05.678+08:00\",\"level\":\"WARN\",\"logger\":\"x.Y\","
                + "\"request_id\":\"req-123456\",\"msg\":\"careful\"}";
        assertThat(LogRoutes.render(json)).isEqualTo("2030-01-02 03:04:05 | WARN     | x.Y - careful [req-123456]");
        assertThat(LogRoutes.render("plain text")).isEqualTo("plain text");
        assertThat(LogRoutes.render("{broken")).isEqualTo("{broken");
    }
}
