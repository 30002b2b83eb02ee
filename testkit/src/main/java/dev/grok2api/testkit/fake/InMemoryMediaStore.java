package dev.grok2api.testkit.fake;

import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaNames;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.MediaStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MediaStore} in memory, for unit tests. Each write is stamped one millisecond after the previous one
 * (starting at the epoch), so "oldest first" is the order of writes. Thread-safe.
 */
public final class InMemoryMediaStore implements MediaStore {
    private record Entry(StoredMedia media, byte[] bytes, Instant modified) {}

    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public StoredMedia store(MediaKind kind, String name, Source source) {
        MediaNames.requireSafe(name);
        Entry existing = files.get(key(kind, name));
        if (existing != null) {
            return existing.media();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String contentType;
        try {
            contentType = source.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        StoredMedia media = new StoredMedia(
                kind, name, contentType != null ? contentType : kind.contentTypeFor(name), bytes.length);
        files.put(key(kind, name), new Entry(media, bytes, Instant.EPOCH.plusMillis(writes.incrementAndGet())));
        return media;
    }

    @Override
    public Optional<StoredMedia> find(MediaKind kind, String name) {
        Entry entry = MediaNames.isSafe(name) ? files.get(key(kind, name)) : null;
        return Optional.ofNullable(entry).map(Entry::media);
    }

    @Override
    public InputStream open(StoredMedia media) {
        Entry entry = files.get(key(media.kind(), media.name()));
        if (entry == null) {
            throw new UncheckedIOException(new IOException("not cached: " + media.name()));
        }
        return new ByteArrayInputStream(entry.bytes());
    }

    @Override
    public List<MediaEntry> list(MediaKind kind) {
        List<MediaEntry> entries = new ArrayList<>();
        for (Entry entry : files.values()) {
            if (entry.media().kind() == kind) {
                entries.add(
                        new MediaEntry(kind, entry.media().name(), entry.media().size(), entry.modified()));
            }
        }
        return entries;
    }

    @Override
    public boolean delete(MediaKind kind, String name) {
        return MediaNames.isSafe(name) && files.remove(key(kind, name)) != null;
    }

    /** How many files are cached. */
    public int size() {
        return files.size();
    }

    private static String key(MediaKind kind, String name) {
        return kind.pathSegment() + "/" + name;
    }
}
