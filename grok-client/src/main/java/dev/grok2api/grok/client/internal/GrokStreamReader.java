package dev.grok2api.grok.client.internal;

import dev.grok2api.core.upstream.GrokEvent;
import java.io.IOException;
import java.util.function.Consumer;
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
        int frames = 0;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            onLine.run();
            Object frame = Json.parse(trimmed);
            if (frame == null) {
                continue;
            }
            frames++;
            decoder.decode(frame, out);
            if (source.getBuffer().size() == 0) {
                onIdle.run();
            }
        }
        return frames;
    }
}
