package dev.grok2api.grok.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.upstream.GrokEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class GrokStreamReaderTest {
    private final GrokStreamReader reader = new GrokStreamReader(new GrokFrameDecoder());

    private List<GrokEvent> read(BufferedSource source) throws IOException {
        List<GrokEvent> events = new ArrayList<>();
        reader.readAll(source, events::add);
        return events;
    }

    private static final String TOKEN_HELLO =
            "{\"result\":{\"response\":{\"token\":\"Hello\",\"isThinking\":false,\"responseId\":\"r1\","
                    + "\"messageTag\":\"final\"}}}";

    @Test
    void should_read_lf_and_crlf_terminated_lines_and_skip_blank_ones() throws IOException {
        // given
        Buffer buffer = new Buffer().writeUtf8(TOKEN_HELLO + "\r\n\r\n   \n" + TOKEN_HELLO + "\n");

        // when
        List<GrokEvent> events = read(buffer);

        // then
        assertThat(events)
                .containsExactly(
                        new GrokEvent.Token("Hello", false, "final", "r1"),
                        new GrokEvent.Token("Hello", false, "final", "r1"));
    }

    @Test
    void should_reassemble_a_line_split_across_reads() throws IOException {
        // given: a source that hands out three bytes per read
        byte[] bytes = (TOKEN_HELLO + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Source trickle = new Source() {
            private int position;

            @Override
            public long read(Buffer sink, long byteCount) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(3, bytes.length - position);
                sink.write(bytes, position, n);
                position += n;
                return n;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {}
        };

        // when
        List<GrokEvent> events = read(Okio.buffer(trickle));

        // then
        assertThat(events).containsExactly(new GrokEvent.Token("Hello", false, "final", "r1"));
    }

    @Test
    void should_handle_a_final_line_without_terminator() throws IOException {
        assertThat(read(new Buffer().writeUtf8(TOKEN_HELLO))).hasSize(1);
    }

    @Test
    void should_skip_non_json_garbage_and_sse_prefixed_lines() throws IOException {
        // given
        Buffer buffer = new Buffer().writeUtf8("<html>oops</html>\n{not json\ndata: " + TOKEN_HELLO + "\n[1,2\n");

        // when / then
        assertThat(read(buffer)).isEmpty();
    }

    @Test
    void should_ignore_unknown_fields_and_frames() throws IOException {
        // given
        Buffer buffer = new Buffer()
                .writeUtf8("{\"result\":{\"title\":{\"newTitle\":\"x\"}}}\n")
                .writeUtf8("{\"result\":{\"response\":{\"token\":\"A\",\"brandNewField\":{\"x\":[1]},"
                        + "\"isThinking\":true,\"messageTag\":\"analysis\"}}}\n")
                .writeUtf8("{\"somethingElse\":true}\n");

        // when / then
        assertThat(read(buffer)).containsExactly(new GrokEvent.Token("A", true, "analysis", null));
    }

    @Test
    void should_decode_the_model_hash_final_response_and_in_band_errors() throws IOException {
        // given
        Buffer buffer = new Buffer()
                .writeUtf8("{\"result\":{\"response\":{\"llmInfo\":{\"modelHash\":\"Kp3X\"},\"responseId\":\"r1\"}}}\n")
                .writeUtf8("{\"result\":{\"response\":{\"modelResponse\":{\"responseId\":\"r1\",\"message\":\"Hi\","
                        + "\"generatedImageUrls\":[\"/\",\"users/u/generated/i/image.jpg\"],"
                        + "\"metadata\":{\"llm_info\":{\"modelHash\":\"Kp3X\"}}}}}}\n")
                .writeUtf8("{\"error\":{\"code\":8,\"message\":\"Too many requests\",\"details\":[]}}\n");

        // when
        List<GrokEvent> events = read(buffer);

        // then
        assertThat(events)
                .containsExactly(
                        new GrokEvent.ModelHash("Kp3X"),
                        new GrokEvent.FinalResponse("r1", "Hi", List.of("users/u/generated/i/image.jpg"), "Kp3X", null),
                        new GrokEvent.StreamError(8, "Too many requests"));
    }

    @Test
    void should_decode_image_paths_moderation_and_video_ids() throws IOException {
        // given
        Buffer buffer = new Buffer()
                .writeUtf8("{\"result\":{\"response\":{\"streamingImageGenerationResponse\":{\"imageId\":\"a\","
                        + "\"imageUrl\":\"users/u/generated/a/image.jpg\",\"imageIndex\":1,\"progress\":100,"
                        + "\"isFinal\":true,\"moderated\":true}}}}\n")
                .writeUtf8("{\"result\":{\"response\":{\"streamingVideoGenerationResponse\":{\"videoId\":\"v1\","
                        + "\"progress\":100,\"videoUrl\":\"users/u/generated/v1/generated_video.mp4\","
                        + "\"thumbnailImageUrl\":\"users/u/generated/v1/preview_image.jpg\",\"moderated\":false}}}}\n");

        // when
        List<GrokEvent> events = read(buffer);

        // then
        assertThat(events)
                .containsExactly(
                        new GrokEvent.ImageProgress(1, 100, "users/u/generated/a/image.jpg", true),
                        new GrokEvent.VideoProgress(
                                100,
                                "users/u/generated/v1/generated_video.mp4",
                                "users/u/generated/v1/preview_image.jpg",
                                false,
                                "v1"));
    }

    @Test
    void should_read_a_non_ascii_token_intact() throws IOException {
        assertThat(read(new Buffer().writeUtf8("{\"result\":{\"response\":{\"token\":\"你好 🌍\"}}}\n")))
                .containsExactly(new GrokEvent.Token("你好 🌍", false, null, null));
    }
}
