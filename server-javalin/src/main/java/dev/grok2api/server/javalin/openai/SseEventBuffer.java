package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamStart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server-sent events of one streamed chat completion, rendered straight into a reusable UTF-8 byte buffer until
 * they are written out. Content and reasoning chunks are the hot path (one per Grok token): every chunk of a stream
 * shares its id, creation time and model, so that part is rendered once per stream and a delta costs one escaped
 * string. The JSON is exactly what {@link ChatCompletionWriter} writes with Moshi (same key order, no whitespace, same
 * escapes), so clients see no difference. Not thread-safe: one per stream, used by its request thread.
 */
public final class SseEventBuffer {
    private static final byte[] DATA = ascii("data: ");
    private static final byte[] END = ascii("\n\n");
    private static final byte[] ROLE = ascii("\"role\":\"assistant\",\"content\":\"\"");
    private static final byte[] CONTENT = ascii("\"content\":");
    private static final byte[] REASONING = ascii("\"reasoning_content\":");
    private static final byte[] DELTA_END = ascii("},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private byte[] bytes = new byte[1024];
    private int length;
    private byte[] chunkPrefix;

    /** Renders the part every delta chunk of this stream shares; call once, before the first chunk. */
    public void start(ChatStreamStart start) {
        int mark = length;
        append(DATA);
        append(ascii("{\"id\":"));
        string(start.id());
        append(ascii(",\"object\":\"chat.completion.chunk\",\"created\":"));
        append(ascii(Long.toString(start.created().getEpochSecond())));
        append(ascii(",\"model\":"));
        string(start.model());
        append(ascii(",\"system_fingerprint\":\"\",\"choices\":[{\"index\":0,\"delta\":{"));
        chunkPrefix = Arrays.copyOfRange(bytes, mark, length);
        length = mark;
    }

    /** The first chunk: the assistant role with empty content. */
    public void role() {
        append(chunkPrefix);
        append(ROLE);
        append(DELTA_END);
    }

    /** A content or reasoning chunk. */
    public void delta(ChatDelta delta) {
        append(chunkPrefix);
        switch (delta) {
            case ChatDelta.Content c -> {
                append(CONTENT);
                string(c.text());
            }
            case ChatDelta.Reasoning r -> {
                append(REASONING);
                string(r.text());
            }
        }
        append(DELTA_END);
    }

    /** An event whose JSON was rendered elsewhere (finish, usage and error chunks). */
    public void event(String json) {
        append(DATA);
        append(json.getBytes(StandardCharsets.UTF_8));
        append(END);
    }

    /** Bytes taken as they are (SSE comments, {@code data: [DONE]}). */
    public void raw(byte[] data) {
        append(data);
    }

    /** How many bytes wait to be written. */
    public int size() {
        return length;
    }

    /** Writes the waiting bytes to {@code out} and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        if (length > 0) {
            int n = length;
            length = 0;
            out.write(bytes, 0, n);
        }
    }

    private void append(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, length, data.length);
        length += data.length;
    }

    /** A JSON string with Moshi's escapes; unpaired surrogates become {@code ?} as in every UTF-8 encoder here. */
    private void string(String value) {
        int n = value.length();
        ensure(n * 6 + 2); // the worst case: every char a six-byte escape
        byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    at = escape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (c == '\u2028' || c == '\u2029') {
                at = unicodeEscape(b, at, c);
            } else if (!Character.isSurrogate(c)) {
                b[at++] = (byte) (0xe0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                b[at++] = (byte) (0xf0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | cp & 0x3f);
            } else {
                b[at++] = '?';
            }
        }
        b[at++] = '"';
        length = at;
    }

    private static int escape(byte[] b, int at, char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm == 0) {
            return unicodeEscape(b, at, c);
        }
        b[at++] = '\\';
        b[at++] = (byte) shortForm;
        return at;
    }

    private static int unicodeEscape(byte[] b, int at, char c) {
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[c >> 12 & 0xf];
        b[at++] = HEX[c >> 8 & 0xf];
        b[at++] = HEX[c >> 4 & 0xf];
        b[at++] = HEX[c & 0xf];
        return at;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
