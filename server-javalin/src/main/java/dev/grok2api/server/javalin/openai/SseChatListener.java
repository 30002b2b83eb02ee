package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a streamed chat completion as OpenAI server-sent events: a role chunk first, content and reasoning chunks,
 * the finish chunk (plus a usage chunk when asked), then {@code data: [DONE]}. A failure after the stream started
 * becomes an {@code {"error":…}} event followed by {@code [DONE]}. Each event is flushed at once.
 *
 * <p>Headers are committed only at {@link #onStart}, so failures before that still get a real HTTP status. Not
 * thread-safe: the chat service calls it from the request thread.
 */
public final class SseChatListener implements ChatStreamListener {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Context ctx;
    private final boolean includeUsage;
    private OutputStream out;
    private ChatStreamStart start;

    public SseChatListener(Context ctx, boolean includeUsage) {
        this.ctx = ctx;
        this.includeUsage = includeUsage;
    }

    @Override
    public void onStart(ChatStreamStart newStart) {
        this.start = newStart;
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("Connection", "keep-alive");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try {
            out = ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
        send(ChatCompletionWriter.roleChunk(start, ""));
    }

    @Override
    public void onDelta(ChatDelta delta) {
        send(ChatCompletionWriter.deltaChunk(start, "", delta));
    }

    @Override
    public void onComplete(ChatStreamEnd end) {
        send(ChatCompletionWriter.finishChunk(start, end));
        if (includeUsage) {
            send(ChatCompletionWriter.usageChunk(start, end));
        }
        write(DONE);
    }

    @Override
    public void onError(Grok2ApiException error) {
        send(OpenAiErrors.envelope(error));
        write(DONE);
    }

    private void send(String json) {
        write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    /** The client closed the connection while the answer was streaming. */
    public static final class ClientGoneException extends UncheckedIOException {
        ClientGoneException(IOException cause) {
            super("client disconnected", cause);
        }
    }
}
