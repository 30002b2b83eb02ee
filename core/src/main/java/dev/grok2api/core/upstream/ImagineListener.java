package dev.grok2api.core.upstream;

/**
 * Receives the events of one imagine round, in order, on the thread that called {@link
 * dev.grok2api.core.port.GrokUpstream#imagine}. If it throws, the websocket is closed and the exception propagates.
 */
@FunctionalInterface
public interface ImagineListener {
    /** One event. */
    void onEvent(ImagineEvent event);
}
