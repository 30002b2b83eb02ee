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
}
