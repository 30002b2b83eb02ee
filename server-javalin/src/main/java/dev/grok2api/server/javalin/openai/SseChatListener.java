package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.server.javalin.http.SseChannel;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a streamed chat completion as OpenAI server-sent events over an {@link SseChannel}: a role chunk first,
 * content and reasoning chunks, the finish chunk (plus a usage chunk when asked), then {@code data: [DONE]}. A failure
 * after the stream started becomes an {@code {"error":…}} event followed by {@code [DONE]}.
 *
 * <p>Events are rendered into an {@link SseEventBuffer} and handed to the channel whenever Grok has nothing more
 * buffered ({@link #onIdle}), or when the buffer grows large, so a burst of tokens costs one write; the channel spaces
 * the flushes ({@link SseChannel#flushSoon}). The role chunk goes out with the first delta. Until then nothing is
 * committed, so early failures still get a real HTTP status — unless a heartbeat committed the response during a slow
 * first token, in which case {@link #failInBand} reports them in the stream.
 *
 * <p>The chat service calls the listener from the request thread only; the channel orders its writes with the
 * heartbeat's.
 */
public final class SseChatListener implements ChatStreamListener, AutoCloseable {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Above this many buffered bytes, events are handed to the response without waiting for an idle upstream. */
    private static final int WRITE_THRESHOLD = 16 * 1024;

    private final SseChannel channel;
    private final boolean includeUsage;
    private final SseEventBuffer events = new SseEventBuffer();
    private ChatStreamStart start;

    /**
     * Starts the heartbeat; close the listener when the request ends.
     *
     * @param heartbeat interval of keep-alive comments while nothing else is written
     * @param cancellation cancelled when a write fails (the client went away)
     */
    public SseChatListener(Context ctx, boolean includeUsage, Duration heartbeat, Cancellation cancellation) {
        this.channel = new SseChannel(ctx, heartbeat, cancellation, () -> {});
        this.includeUsage = includeUsage;
    }

    @Override
    public void onStart(ChatStreamStart newStart) {
        start = newStart;
        events.start(start);
        events.role();
    }

    @Override
    public void onDelta(ChatDelta delta) {
        events.delta(delta);
        if (events.size() >= WRITE_THRESHOLD) {
            channel.write(events::writeTo);
        }
    }

    @Override
    public void onIdle() {
        channel.write(events::writeTo);
        channel.flushSoon();
    }

    @Override
    public void onComplete(ChatStreamEnd end) {
        events.event(ChatCompletionWriter.finishChunk(start, end));
        if (includeUsage) {
            events.event(ChatCompletionWriter.usageChunk(start, end));
        }
        events.raw(DONE);
        channel.write(events::writeTo);
        channel.flush();
    }

    @Override
    public void onError(Grok2ApiException error) {
        events.event(OpenAiErrors.envelope(error));
        events.raw(DONE);
        channel.write(events::writeTo);
        channel.flush();
    }

    /**
     * Reports a failure that happened before the answer started. When a heartbeat already committed the response,
     * the error goes out in-band (error event and {@code [DONE]}) and this returns true; otherwise nothing is written
     * and the caller answers with a real HTTP status.
     */
    public boolean failInBand(Grok2ApiException error) {
        if (!channel.stopUnlessCommitted()) {
            return false;
        }
        onError(error);
        return true;
    }

    /** Stops the heartbeat. */
    @Override
    public void close() {
        channel.close();
    }
}
