package dev.grok2api.core.service;

import dev.grok2api.core.config.MediaSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaNames;
import dev.grok2api.core.media.MediaPage;
import dev.grok2api.core.media.MediaUsage;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.MediaStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The local media cache with its policies, over a {@link MediaStore}: one download per name at a time, a size limit
 * ({@code cache.limit_mb}, when {@code cache.enable_auto_clean}) enforced after every write by deleting the oldest
 * files until the cache is down to {@value #CLEAN_TO_PERCENT} % of the limit, uploads from the chat page, and the
 * listings and clean-ups of the admin cache page.
 *
 * <p>The limit holds under concurrent writes: a clean-up runs after every write, one at a time; a write that finishes
 * while a clean-up runs makes that clean-up run again, so the last write is always followed by a clean-up that saw
 * it. A running byte estimate spares the directory listing while the cache is clearly under its limit.
 *
 * <p>Thread-safe; blocks while writing or listing.
 */
public final class MediaCache {
    /** The clean-up deletes the oldest files until the cache is at most this share of its limit. */
    public static final int CLEAN_TO_PERCENT = 80;

    private static final Map<String, String> UPLOAD_EXTENSIONS =
            Map.of("image/png", "png", "image/webp", "webp", "image/gif", "gif");

    private final MediaStore store;
    private final SettingsSource settings;
    private final RandomGenerator random;
    private final Map<String, ReentrantLock> writing = new ConcurrentHashMap<>();
    private final AtomicBoolean cleaning = new AtomicBoolean();
    private final AtomicBoolean cleanupWanted = new AtomicBoolean();
    /** Bytes in the cache at the last count, or -1 when a count is due. */
    private volatile long counted = -1;
    /** Bytes written since the last count started (over-counts rather than misses a write). */
    private final AtomicLong writtenSinceCount = new AtomicLong();

    /**
     * @param store where files live
     * @param settings for the {@code cache.*} settings
     * @param random source of upload names; must be thread-safe
     */
    public MediaCache(MediaStore store, SettingsSource settings, RandomGenerator random) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Returns the cached file, filling the cache from {@code source} when it is missing. Concurrent calls for one
     * name write it once. Enforces the size limit afterwards.
     *
     * @throws IllegalArgumentException when the name is unsafe
     * @throws RuntimeException whatever {@code source} throws; nothing is cached then
     */
    public StoredMedia store(MediaKind kind, String name, MediaStore.Source source) {
        MediaNames.requireSafe(name);
        Optional<StoredMedia> cached = store.find(kind, name);
        if (cached.isPresent()) {
            return cached.get();
        }
        String key = kind.pathSegment() + "/" + name;
        ReentrantLock lock = writing.computeIfAbsent(key, k -> new ReentrantLock());
        StoredMedia media;
        lock.lock();
        try {
            cached = store.find(kind, name);
            if (cached.isPresent()) {
                return cached.get();
            }
            media = store.store(kind, name, source);
        } finally {
            lock.unlock();
            writing.remove(key, lock);
        }
        written(media.size());
        return media;
    }

    /** The cached file, or empty when it is not cached or the name is unsafe. */
    public Optional<StoredMedia> find(MediaKind kind, String name) {
        return store.find(kind, name);
    }

    /** Opens a cached file; the caller closes the stream. */
    public InputStream open(StoredMedia media) {
        return store.open(media);
    }

    /**
     * Stores an image uploaded by a client (the chat page) as {@code upload-<32 hex>.<ext>}.
     *
     * @param contentType the upload's type; must start with {@code image/}
     * @throws IllegalArgumentException when it is not an image type
     */
    public StoredMedia upload(byte[] content, String contentType) {
        String type = Objects.requireNonNullElse(contentType, "")
                .toLowerCase(Locale.ROOT)
                .trim();
        int semicolon = type.indexOf(';');
        type = semicolon >= 0 ? type.substring(0, semicolon).trim() : type;
        if (!type.startsWith("image/")) {
            throw new IllegalArgumentException("not an image type: " + contentType);
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String name = "upload-" + HexFormat.of().formatHex(id) + "." + UPLOAD_EXTENSIONS.getOrDefault(type, "jpg");
        String storedType = type;
        return store(MediaKind.IMAGE, name, out -> {
            out.write(content);
            return storedType;
        });
    }

    /** Files and bytes of one kind. */
    public MediaUsage usage(MediaKind kind) {
        List<MediaEntry> entries = store.list(kind);
        long bytes = 0;
        for (MediaEntry entry : entries) {
            bytes += entry.size();
        }
        return new MediaUsage(entries.size(), bytes);
    }

    /**
     * One page of the files of a kind, newest first. Videos come with the cached image that previews them: the
     * image with the same stem, else an image in the same asset folder (Grok names a video's poster {@code
     * …-<video id>-preview_image.jpg} next to {@code …-<video id>-generated_video.mp4}).
     *
     * @param page 1-based; values below 1 count as 1
     * @param pageSize values below 1 count as 1
     */
    public MediaPage page(MediaKind kind, int page, int pageSize) {
        int size = Math.max(1, pageSize);
        int number = Math.max(1, page);
        List<MediaEntry> entries = newestFirst(store.list(kind));
        int from = (int) Math.min(entries.size(), (long) (number - 1) * size);
        int to = Math.min(entries.size(), from + size);
        Map<String, MediaEntry> imagesByStem = new HashMap<>();
        Map<String, MediaEntry> imagesByFolder = new HashMap<>();
        if (kind == MediaKind.VIDEO && from < to) {
            for (MediaEntry image : store.list(MediaKind.IMAGE)) {
                imagesByStem.putIfAbsent(image.stem(), image);
                imagesByFolder.putIfAbsent(folder(image.name()), image);
            }
        }
        List<MediaPage.Item> items = new ArrayList<>(to - from);
        for (MediaEntry entry : entries.subList(from, to)) {
            MediaEntry preview = imagesByStem.get(entry.stem());
            if (preview == null && kind == MediaKind.VIDEO && entry.name().indexOf('-') > 0) {
                preview = imagesByFolder.get(folder(entry.name()));
            }
            items.add(new MediaPage.Item(entry, preview));
        }
        return new MediaPage(items, entries.size(), number, size);
    }

    private static String folder(String name) {
        int dash = name.lastIndexOf('-');
        return dash > 0 ? name.substring(0, dash) : "";
    }

    /** Removes one file; {@code /} in the name stands for {@code -} as in links. */
    public boolean delete(MediaKind kind, String name) {
        boolean deleted = store.delete(kind, name.replace('/', '-'));
        if (deleted) {
            counted = -1;
        }
        return deleted;
    }

    /**
     * Removes every file of a kind.
     *
     * @return what was removed
     */
    public MediaUsage clear(MediaKind kind) {
        int count = 0;
        long bytes = 0;
        for (MediaEntry entry : store.list(kind)) {
            if (store.delete(kind, entry.name())) {
                count++;
                bytes += entry.size();
            }
        }
        counted = -1;
        return new MediaUsage(count, bytes);
    }

    /** Checks the size limit, e.g. after files were added behind the cache's back; see the class comment. */
    public void enforceLimit() {
        cleanupWanted.set(true);
        while (cleanupWanted.get() && cleaning.compareAndSet(false, true)) {
            try {
                cleanupWanted.set(false);
                cleanOnce();
            } finally {
                cleaning.set(false);
            }
        }
    }

    private void written(long bytes) {
        long sinceCount = writtenSinceCount.addAndGet(bytes);
        MediaSettings media = MediaSettings.of(settings.current());
        long known = counted;
        if (media.autoClean() && (known < 0 || known + sinceCount > media.limitBytes())) {
            enforceLimit();
        }
    }

    private void cleanOnce() {
        MediaSettings media = MediaSettings.of(settings.current());
        writtenSinceCount.set(0);
        List<MediaEntry> all = new ArrayList<>(store.list(MediaKind.IMAGE));
        all.addAll(store.list(MediaKind.VIDEO));
        long total = 0;
        for (MediaEntry entry : all) {
            total += entry.size();
        }
        long limit = media.limitBytes();
        if (media.autoClean() && total > limit) {
            long target = limit / 100 * CLEAN_TO_PERCENT;
            all.sort(Comparator.comparing(MediaEntry::modified).thenComparing(MediaEntry::name));
            for (MediaEntry oldest : all) {
                if (total <= target) {
                    break;
                }
                if (store.delete(oldest.kind(), oldest.name())) {
                    total -= oldest.size();
                }
            }
        }
        counted = total;
    }

    private static List<MediaEntry> newestFirst(List<MediaEntry> entries) {
        List<MediaEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(MediaEntry::modified)
                .thenComparing(MediaEntry::name)
                .reversed());
        return sorted;
    }
}
