package dev.grok2api.server.javalin.openai;

import com.squareup.moshi.JsonWriter;
import dev.grok2api.core.chat.ChatCompletion;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.chat.UrlCitation;
import dev.grok2api.core.chat.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okio.Buffer;

/**
 * Renders chat results in the OpenAI Chat Completions wire format: the non-streaming {@code chat.completion} object
 * and the once-per-stream {@code chat.completion.chunk} objects (finish, usage). The per-token content and reasoning
 * chunks are rendered by {@link SseEventBuffer} in the same form. Stateless and thread-safe.
 */
public final class ChatCompletionWriter {
    private ChatCompletionWriter() {}

    /** The whole non-streaming response body. */
    public static String completion(ChatCompletion completion) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.beginObject();
            w.name("id").value(completion.id());
            w.name("object").value("chat.completion");
            w.name("created").value(completion.created().getEpochSecond());
            w.name("model").value(completion.model());
            w.name("system_fingerprint").value(completion.end().systemFingerprint());
            w.name("choices").beginArray().beginObject();
            w.name("index").value(0);
            w.name("message").beginObject();
            w.name("role").value("assistant");
            w.name("content").value(completion.content());
            if (!completion.reasoning().isEmpty()) {
                w.name("reasoning_content").value(completion.reasoning());
            }
            w.name("refusal").nullValue();
            w.name("annotations");
            annotations(w, completion.end().citations());
            w.endObject();
            w.name("logprobs").nullValue();
            w.name("finish_reason").value(completion.end().finishReason().wireName());
            w.endObject().endArray();
            w.name("usage");
            usage(w, completion.end().usage());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    /** The last chunk with an empty delta and the finish reason. */
    public static String finishChunk(ChatStreamStart start, ChatStreamEnd end) {
        return chunk(
                start,
                end.systemFingerprint(),
                w -> {
                    if (!end.citations().isEmpty()) {
                        w.name("annotations");
                        annotations(w, end.citations());
                    }
                },
                end.finishReason().wireName());
    }

    /** OpenAI {@code url_citation} annotations. */
    private static void annotations(JsonWriter w, List<UrlCitation> citations) throws IOException {
        w.beginArray();
        for (UrlCitation citation : citations) {
            w.beginObject();
            w.name("type").value("url_citation");
            w.name("url_citation").beginObject();
            w.name("url").value(citation.url());
            w.name("title").value(citation.title());
            w.name("start_index").value(citation.startIndex());
            w.name("end_index").value(citation.endIndex());
            w.endObject();
            w.endObject();
        }
        w.endArray();
    }

    /** The optional usage chunk ({@code stream_options.include_usage}): empty choices, usage filled. */
    public static String usageChunk(ChatStreamStart start, ChatStreamEnd end) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            header(w, start, end.systemFingerprint());
            w.name("choices").beginArray().endArray();
            w.name("usage");
            usage(w, end.usage());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    private interface DeltaBody {
        void write(JsonWriter w) throws IOException;
    }

    private static String chunk(ChatStreamStart start, String fingerprint, DeltaBody delta, String finishReason) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            header(w, start, fingerprint);
            w.name("choices").beginArray().beginObject();
            w.name("index").value(0);
            w.name("delta").beginObject();
            delta.write(w);
            w.endObject();
            w.name("logprobs").nullValue();
            w.name("finish_reason");
            if (finishReason == null) {
                w.nullValue();
            } else {
                w.value(finishReason);
            }
            w.endObject().endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    private static void header(JsonWriter w, ChatStreamStart start, String fingerprint) throws IOException {
        w.setSerializeNulls(true);
        w.beginObject();
        w.name("id").value(start.id());
        w.name("object").value("chat.completion.chunk");
        w.name("created").value(start.created().getEpochSecond());
        w.name("model").value(start.model());
        w.name("system_fingerprint").value(fingerprint);
    }

    private static void usage(JsonWriter w, Usage usage) throws IOException {
        w.beginObject();
        w.name("prompt_tokens").value(usage.promptTokens());
        w.name("completion_tokens").value(usage.completionTokens());
        w.name("total_tokens").value(usage.totalTokens());
        w.name("prompt_tokens_details").beginObject();
        w.name("cached_tokens").value(0);
        w.name("text_tokens").value(usage.promptTokens());
        w.name("audio_tokens").value(0);
        w.name("image_tokens").value(0);
        w.endObject();
        w.name("completion_tokens_details").beginObject();
        w.name("text_tokens").value(usage.completionTokens() - usage.reasoningTokens());
        w.name("audio_tokens").value(0);
        w.name("reasoning_tokens").value(usage.reasoningTokens());
        w.endObject();
        w.endObject();
    }
}
