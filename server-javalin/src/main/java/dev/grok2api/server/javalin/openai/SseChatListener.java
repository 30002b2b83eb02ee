package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.server.javalin.http.SseChannel;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * Writes a streamed chat completion as OpenAI server-sent events: a role chunk first, content and reasoning chunks,
 * the finish chunk (plus a usage chunk when asked), then {@code data: [DONE]}. A failure after the stream started
 * becomes an {@code {"error":…}} event followed by {@code [DONE]}. Events are flushed whenever Grok has nothing more
 * buffered ({@link #onIdle}), so a burst of tokens costs one flush while a paced stream is still flushed per token.
 *
 * <p>Keep-alive, commit and disconnect handling are the {@link SseChannel}'s: a heartbeat comment after {@code
 * grok.heartbeat_seconds} of silence (the first one commits the 200 response; from then on a failure is reported
 * in-band), and a failed write cancels the upstream call. Headers are otherwise committed only at {@link #onStart},
 * so early failures still get a real HTTP status. The chat service calls the listener from the request thread.
 */
public final class SseChatListener implements ChatStreamListener, AutoCloseable {
    private static final String DONE = "data: [DONE]\n\n";

    private final SseChannel channel;
    private final boolean includeUsage;
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
        this.start = newStart;
        channel.write(event(ChatCompletionWriter.roleChunk(start, "")), true);
    }

    @Override
    public void onDelta(ChatDelta delta) {
        channel.write(event(ChatCompletionWriter.deltaChunk(start, "", delta)), false);
    }

    @Override
    public void onIdle() {
        channel.flush();
    }

    @Override
    public void onComplete(ChatStreamEnd end) {
        String usage = includeUsage ? event(ChatCompletionWriter.usageChunk(start, end)) : "";
        channel.write(event(ChatCompletionWriter.finishChunk(start, end)) + usage + DONE, true);
    }

    @Override
    public void onError(Grok2ApiException error) {
        channel.write(event(OpenAiErrors.envelope(error)) + DONE, true);
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

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }
}
