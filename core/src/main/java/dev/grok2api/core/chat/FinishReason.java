package dev.grok2api.core.chat;

import java.util.Locale;

/** Why an answer ended. */
public enum FinishReason {
    STOP,
    LENGTH,
    CONTENT_FILTER;

    /** The lower-case wire name, e.g. {@code "stop"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
