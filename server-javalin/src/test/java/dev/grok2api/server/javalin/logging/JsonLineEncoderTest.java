package dev.grok2api.server.javalin.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.grok2api.Example");

    private Map<String, Object> encode(LoggingEvent event) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setZone("+08:00");
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n{").hasLineCount(1);
        return JsonCodec.parseObject(line);
    }

    @Test
    void should_write_one_json_object_per_event_with_the_request_id() {
        // given
        LoggingEvent event =
                new LoggingEvent("fqcn", logger, Level.INFO, "served {} in \"{}\" ms", null, new Object[] {"a", 5});
        event.setInstant(Instant.parse("2030-01-01T00:00:00.123Z"));
        event.setMDCPropertyMap(Map.of("requestId", "req-abcdef12", "tenant", "t1"));

        // when
        Map<String, Object> json = encode(event);

        // then
        assertThat(json)
                .containsEntry("time", "2030-01-01T08:00:00.123+08:00")
                .containsEntry("level", "INFO")
                .containsEntry("logger", "dev.grok2api.Example")
                .containsEntry("request_id", "req-abcdef12")
                .containsEntry("msg", "served a in \"5\" ms")
                .containsEntry("tenant", "t1")
                .doesNotContainKey("stacktrace");
    }

    @Test
    void should_include_the_stack_trace_of_a_logged_exception() {
        LoggingEvent event = new LoggingEvent(
                "fqcn", logger, Level.ERROR, "boom\nsecond line", new IllegalStateException("bad state"), null);
        event.setMDCPropertyMap(Map.of());
        Map<String, Object> json = encode(event);
        assertThat(json.get("msg")).isEqualTo("boom\nsecond line");
        assertThat((String) json.get("stacktrace")).contains("IllegalStateException: bad state");
    }
}
