package dev.grok2api.benchmarks;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ChatRequest;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.chat.Role;
import dev.grok2api.core.chat.TokenCounter;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.service.AttachmentResolver;
import dev.grok2api.core.service.ChatService;
import dev.grok2api.core.service.MediaLinks;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.grok.client.internal.GrokFrameDecoder;
import dev.grok2api.grok.client.internal.GrokStreamReader;
import dev.grok2api.server.javalin.config.ConfigLoader;
import dev.grok2api.server.javalin.openai.ChatCompletionWriter;
import dev.grok2api.server.javalin.openai.SseEventBuffer;
import dev.grok2api.testkit.fake.FakeTokenSelector;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.grok.GrokLines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The NDJSON-to-SSE hot path without sockets: Grok's wire lines of a 2,000-token answer (200 reasoning tokens, then
 * answer tokens) are read by the client's stream reader and frame decoder, translated by the chat service, and
 * rendered as OpenAI chunk JSON with {@code data:} framing. One operation is one upstream line (event), so the score
 * is events per second; {@code -prof gc} gives {@code gc.alloc.rate.norm}, the bytes allocated per event.
 *
 * <p>{@code decodeOnly} is the baseline of the same run: reading and decoding the lines alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamTranslationBenchmark {
    static final int TOKENS = 2000;
    static final int LINES = TOKENS + 2;

    private byte[] ndjson;
    private ChatService chat;
    private ChatRequest request;

    @Setup
    public void setUp() {
        ndjson = answer(TOKENS).getBytes(StandardCharsets.UTF_8);
        SettingsSource settings = SettingsSource.fixed(Settings.of(ConfigLoader.defaults()));
        BufferUpstream upstream = new BufferUpstream();
        chat = new ChatService(
                ModelCatalog.standard(),
                FakeTokenSelector.of("bench-token"),
                upstream,
                new AttachmentResolver((url, imageOnly) -> {
                    throw new IllegalStateException("no attachments in the benchmark");
                }),
                new MediaLinks(new InMemoryMediaStore(), upstream, settings),
                settings,
                TokenCounter.heuristic(),
                InstantSource.system(),
                new Random(1));
        request = ChatRequest.of("grok-4.1-thinking", List.of(ChatMessage.of(Role.USER, "Tell me a long story.")));
    }

    /** The NDJSON of an answer with {@code tokens} tokens: a tenth reasoning, the rest answer, then the final frame. */
    static String answer(int tokens) {
        String id = "b0b1c2d3-0000-4000-8000-000000000002";
        StringBuilder out = new StringBuilder(GrokLines.conversation("c0")).append('\n');
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            String word = " word" + (i % 97);
            if (i < tokens / 10) {
                out.append(GrokLines.thinkingToken(word, "analysis", id)).append('\n');
            } else {
                whole.append(word);
                out.append(GrokLines.token(word, id)).append('\n');
            }
        }
        return out.append(GrokLines.modelResponse(id, whole.toString(), "Kp3X9fQ2", List.of()))
                .append('\n')
                .toString();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void ndjsonToSse(Blackhole blackhole) {
        chat.stream(request, new SseBytes(blackhole), Cancellation.create());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int decodeOnly(Blackhole blackhole) throws IOException {
        return new GrokStreamReader(new GrokFrameDecoder()).readAll(new Buffer().write(ndjson), blackhole::consume);
    }

    /** A Grok that replays the NDJSON bytes through the real reader and decoder. */
    private final class BufferUpstream extends ForwardingUpstream {
        @Override
        public void chat(
                ConversationRequest request, SsoCredential credential, Cancellation cancellation, GrokEventSink sink) {
            try {
                new GrokStreamReader(new GrokFrameDecoder())
                        .readAll(new Buffer().write(ndjson), () -> {}, sink::accept, sink::idle);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Renders chunks exactly as the SSE listener does, into a blackhole instead of a socket. */
    private static final class SseBytes implements ChatStreamListener {
        private final SseEventBuffer events = new SseEventBuffer();
        private final OutputStream sink;
        private ChatStreamStart start;

        SseBytes(Blackhole blackhole) {
            this.sink = new OutputStream() {
                @Override
                public void write(int b) {
                    blackhole.consume(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    blackhole.consume(b);
                    blackhole.consume(len);
                }
            };
        }

        @Override
        public void onStart(ChatStreamStart newStart) {
            start = newStart;
            events.start(start);
            events.role();
            onIdle();
        }

        @Override
        public void onDelta(ChatDelta delta) {
            events.delta(delta);
            if (events.size() >= 16 * 1024) {
                onIdle();
            }
        }

        @Override
        public void onIdle() {
            try {
                events.writeTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onComplete(ChatStreamEnd end) {
            events.event(ChatCompletionWriter.finishChunk(start, end));
            onIdle();
        }

        @Override
        public void onError(Grok2ApiException error) {
            throw error;
        }
    }
}
