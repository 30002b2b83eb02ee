package dev.grok2api.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role the author, never null
 * @param content the blocks in order, never null (may be empty only for messages that carry nothing)
 */
public record ChatMessage(Role role, List<ContentPart> content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** A message with a single text block. */
    public static ChatMessage of(Role role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)));
    }

    /** The non-blank text blocks joined with {@code "\n"}; empty when there are none. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text(String text) && !text.isBlank()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(text);
            }
        }
        return out.toString();
    }
}
