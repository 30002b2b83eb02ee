package dev.grok2api.grok.client.internal;

import dev.grok2api.core.upstream.GrokEvent;
import java.io.IOException;
import java.util.function.Consumer;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads Grok's newline-delimited JSON answer stream: one JSON object per line, {@code \n} or {@code \r\n}
 * terminated. Blank lines and lines that are not JSON are skipped; a line split across network reads is reassembled
 * by the buffered source. Does no I/O of its own beyond the given source. Not thread-safe; one instance per stream.
 */
public final class GrokStreamReader {
    private final GrokFrameDecoder decoder;

    public GrokStreamReader(GrokFrameDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Reads until the source is exhausted, pushing events to {@code out} as each line completes.
     *
     * @return how many lines were JSON frames
     * @throws IOException when the source fails (the caller decides what a broken stream means)
     */
    public int readAll(BufferedSource source, Consumer<GrokEvent> out) throws IOException {
        return readAll(source, () -> {}, out, () -> {});
    }

    /**
     * Like {@link #readAll(BufferedSource, Consumer)}, calling {@code onLine} as each non-blank line arrives, so a
     * watchdog can tell a live stream from a stalled one (blank lines carry nothing and do not count as progress),
     * and {@code onIdle} after a frame when nothing more is buffered (the next line needs a network read).
     */
    public int readAll(BufferedSource source, Runnable onLine, Consumer<GrokEvent> out, Runnable onIdle)
            throws IOException {
        // Each line's bytes are decoded where they lie, never turned into a String first: this runs once per token.
        Buffer line = new Buffer();
        int frames = 0;
        while (nextLine(source, line)) {
            if (blank(line)) {
                line.clear();
                continue;
            }
            onLine.run();
            boolean frame = decoder.decode(line, out);
            line.clear();
            if (!frame) {
                continue;
            }
            frames++;
            if (source.getBuffer().size() == 0) {
                onIdle.run();
            }
        }
        return frames;
    }

    /** Moves the next line, terminator included, into {@code line}; false at the end of the stream. */
    private static boolean nextLine(BufferedSource source, Buffer line) throws IOException {
        long newline = source.indexOf((byte) '\n');
        if (newline >= 0) {
            source.readFully(line, newline + 1);
            return true;
        }
        // Not found means the stream ended: what is buffered is a last line without a terminator.
        return source.read(line, Long.MAX_VALUE) > 0;
    }

    private static boolean blank(Buffer line) {
        for (long i = 0, size = line.size(); i < size; i++) {
            byte b = line.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
