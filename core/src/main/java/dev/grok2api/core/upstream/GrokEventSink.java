package dev.grok2api.core.upstream;

/**
 * Receives the events of one Grok answer stream, in order, on the thread that called the upstream.
 *
 * <p>If {@link #accept} throws, the upstream call is cancelled and the exception propagates to the caller unchanged.
 */
@FunctionalInterface
public interface GrokEventSink {
    /** One event. */
    void accept(GrokEvent event);

    /**
     * Grok has nothing more buffered right now: the next event will take a network read. A good moment for the
     * receiver to push what it buffered to its own client. Upstreams call it at least after the last event of each
     * burst; the default does nothing.
     */
    default void idle() {}
}
