package dev.grok2api.core.chat;

import java.util.Objects;

/** One increment of a streamed answer. */
public sealed interface ChatDelta {

    /** Answer text. */
    record Content(String text) implements ChatDelta {
        public Content {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Reasoning text, for clients that show it apart from the answer. */
    record Reasoning(String text) implements ChatDelta {
        public Reasoning {
            Objects.requireNonNull(text, "text");
        }
    }
}
