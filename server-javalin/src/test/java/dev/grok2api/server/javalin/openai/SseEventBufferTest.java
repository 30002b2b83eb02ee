package dev.grok2api.server.javalin.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonWriter;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseEventBufferTest {
    private static final ChatStreamStart START =
            new ChatStreamStart("chatcmpl-\"quoted\"\\id", "grok-4.1-thinking", Instant.ofEpochSecond(1_760_000_000));

    /** The chunk as Moshi renders it, the form clients have always received. */
    private static String moshiChunk(ChatStreamStart start, String field, String text) throws IOException {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.setSerializeNulls(true);
            w.beginObject();
            w.name("id").value(start.id());
            w.name("object").value("chat.completion.chunk");
            w.name("created").value(start.created().getEpochSecond());
            w.name("model").value(start.model());
            w.name("system_fingerprint").value("");
            w.name("choices").beginArray().beginObject();
            w.name("index").value(0);
            w.name("delta").beginObject();
            if (field.equals("role")) {
                w.name("role").value("assistant");
                w.name("content").value("");
            } else {
                w.name(field).value(text);
            }
            w.endObject();
            w.name("logprobs").nullValue();
            w.name("finish_reason").nullValue();
            w.endObject().endArray();
            w.endObject();
        }
        return "data: " + buffer.readUtf8() + "\n\n";
    }

    private static String render(SseEventBuffer events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_render_every_char_exactly_as_moshi_does() throws IOException {
        // given
        SseEventBuffer events = new SseEventBuffer();
        events.start(START);
        StringBuilder expected = new StringBuilder();

        // when
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "a" + c + "z";
            events.delta(new ChatDelta.Content(text));
            expected.append(moshiChunk(START, "content", text));
        }

        // then
        assertThat(render(events)).isEqualTo(expected.toString());
    }

    @Test
    void should_render_surrogate_pairs_and_unpaired_surrogates_as_moshi_does() throws IOException {
        // given
        SseEventBuffer events = new SseEventBuffer();
        events.start(START);
        String[] texts = {"emoji 😀 and 𝄞", "\uD83D", "x\uDE00y", "\uDE00\uD83D", "end \uD83D\uDE00\uD83D"};

        // when
        StringBuilder expected = new StringBuilder();
        for (String text : texts) {
            events.delta(new ChatDelta.Reasoning(text));
            expected.append(moshiChunk(START, "reasoning_content", text));
        }

        // then
        assertThat(render(events)).isEqualTo(expected.toString());
    }

    @Test
    void should_start_with_the_role_chunk_and_pass_other_events_and_raw_bytes_through() throws IOException {
        // given
        SseEventBuffer events = new SseEventBuffer();
        events.start(START);

        // when
        events.role();
        events.event("{\"done\":true}");
        events.raw(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));

        // then
        assertThat(events.size()).isPositive();
        assertThat(render(events))
                .isEqualTo(moshiChunk(START, "role", null) + "data: {\"done\":true}\n\n: keep-alive\n\n");
        assertThat(events.size()).isZero();
    }
}
