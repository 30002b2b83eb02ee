package dev.grok2api.core.chat;

import java.util.Objects;

/**
 * One block of a message's content. Plain-string message content is represented as a single {@link Text}.
 *
 * <p>Attachment parts keep the client's reference as given (an {@code http(s)} URL, a {@code data:} URI or bare
 * base64); fetching and uploading them is the chat service's job.
 */
public sealed interface ContentPart {

    /** A text block. {@code text} is never null (it may be blank; blank text is ignored when flattening). */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image given as an {@code http(s)} URL or a {@code data:} URI. */
    record Image(String url) implements ContentPart {
        public Image {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Audio given as base64 data.
     *
     * @param data base64 audio, never null
     * @param format e.g. {@code wav}, or null
     */
    record Audio(String data, String format) implements ContentPart {
        public Audio {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A file given as an {@code http(s)} URL, a {@code data:} URI or bare base64.
     *
     * @param reference the URL, data URI or base64, never null
     * @param filename the client's file name, or null
     */
    record File(String reference, String filename) implements ContentPart {
        public File {
            Objects.requireNonNull(reference, "reference");
        }
    }
}
