package dev.grok2api.core.chat;

import dev.grok2api.core.error.Grok2ApiException;

/**
 * Receives one streamed completion. Calls arrive on the thread that called the chat service, in this order: {@link
 * #onStart} once, {@link #onDelta} zero or more times, then exactly one of {@link #onComplete} or {@link #onError}.
 *
 * <p>{@code onStart} is deferred until the first piece of the answer is ready, so that a failure before that point
 * can still be answered with a proper HTTP status (the service throws instead of calling the listener) and another
 * Grok account can be tried.
 *
 * <p>A listener may throw from any method (for example when the client has disconnected); the exception propagates
 * out of the chat service after the upstream call is cancelled.
 */
public interface ChatStreamListener {
    /** The stream is committed: its identity is fixed. */
    void onStart(ChatStreamStart start);

    /** One increment of the answer. */
    void onDelta(ChatDelta delta);

    /**
     * No further delta is immediately available: a listener that buffers output should flush it now. Called after
     * {@link #onStart}, between deltas; the default does nothing.
     */
    default void onIdle() {}

    /** The answer finished normally. */
    void onComplete(ChatStreamEnd end);

    /**
     * The answer failed after {@link #onStart}. The listener should end the stream with an in-band error; the
     * service does not throw afterwards.
     */
    void onError(Grok2ApiException error);
}
