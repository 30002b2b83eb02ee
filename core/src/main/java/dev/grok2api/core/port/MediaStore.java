package dev.grok2api.core.port;

import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The local cache of generated images and videos that {@code /v1/files/<kind>/<name>} serves. Implemented outside
 * the core (a local directory in the server).
 *
 * <p>Thread-safe. Writes are atomic: a file is visible under its name only once completely written, so concurrent
 * readers never see a partial file; two concurrent stores of the same name both succeed and one of them wins.
 */
public interface MediaStore {

    /** Writes a file's bytes and reports its content type. */
    @FunctionalInterface
    interface Source {
        /**
         * @param out where to write; do not close it
         * @return the content type, or null to derive it from the name
         * @throws IOException when writing fails
         */
        String writeTo(OutputStream out) throws IOException;
    }

    /**
     * Returns the cached file, or fills the cache from {@code source} first when the name is not cached yet.
     *
     * @param kind image or video
     * @param name a safe name ({@link dev.grok2api.core.media.MediaNames})
     * @param source writes the bytes on a cache miss; runtime exceptions it throws propagate and leave nothing behind
     * @throws IllegalArgumentException when the name is unsafe
     * @throws java.io.UncheckedIOException when the cache cannot be written
     */
    StoredMedia store(MediaKind kind, String name, Source source);

    /**
     * Looks a file up.
     *
     * @return the file, or empty when it is not cached (or the name is unsafe)
     */
    Optional<StoredMedia> find(MediaKind kind, String name);

    /**
     * Opens a cached file for reading; the caller closes the stream.
     *
     * @throws java.io.UncheckedIOException when the file vanished or cannot be read
     */
    InputStream open(StoredMedia media);

    /**
     * Every complete file of a kind (files still being written are not listed), in no particular order.
     *
     * @throws java.io.UncheckedIOException when the cache cannot be read
     */
    List<MediaEntry> list(MediaKind kind);

    /**
     * Removes a file. Readers that already opened it may finish reading.
     *
     * @return whether it existed (false for an unsafe name)
     * @throws java.io.UncheckedIOException when it exists but cannot be removed
     */
    boolean delete(MediaKind kind, String name);
}
