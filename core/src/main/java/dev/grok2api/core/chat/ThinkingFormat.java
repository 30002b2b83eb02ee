package dev.grok2api.core.chat;

import java.util.Locale;

/** How the model's reasoning reaches the client ({@code grok.thinking_format}). */
public enum ThinkingFormat {
    /** A separate channel: OpenAI {@code reasoning_content}. The default (DESIGN.md decision 1). */
    REASONING_CONTENT,
    /** Inside the answer text, wrapped in {@code <think>…</think>}. */
    THINK_TAGS,
    /** Dropped. */
    HIDDEN;

    /** The configuration value, e.g. {@code reasoning_content}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration value, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is none of them
     */
    public static ThinkingFormat fromConfig(String value) {
        for (ThinkingFormat format : values()) {
            if (format.configValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "grok.thinking_format must be one of reasoning_content, think_tags, hidden; got '" + value + "'");
    }
}
