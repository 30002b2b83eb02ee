package dev.grok2api.server.javalin.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.service.MediaCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media cache on a real directory: the size limit under concurrent writes, and path safety. */
class LocalMediaCacheTest {
    private static final int WRITERS = 50;
    private static final int FILE_BYTES = 100 * 1024;
    private static final long LIMIT_BYTES = 1024 * 1024;

    @TempDir
    Path root;

    private MediaCache cache(boolean autoClean) {
        Settings settings = Settings.of(Map.of("cache.limit_mb", 1L, "cache.enable_auto_clean", autoClean));
        return new MediaCache(new LocalMediaStore(root), SettingsSource.fixed(settings), new Random(1));
    }

    private long bytesOnDisk() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    @Test
    void should_hold_the_size_limit_under_50_concurrent_downloads() throws Exception {
        // given
        MediaCache cache = cache(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();

        // when
        for (int i = 0; i < WRITERS; i++) {
            String name = "users-u-generated-" + i + "-image.jpg";
            MediaKind kind = i % 5 == 0 ? MediaKind.VIDEO : MediaKind.IMAGE;
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cache.store(kind, name, out -> {
                    for (int written = 0; written < FILE_BYTES; written += 1024) {
                        out.write(new byte[1024]);
                    }
                    return "image/jpeg";
                });
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        // then
        assertThat(bytesOnDisk()).isLessThanOrEqualTo(LIMIT_BYTES);
        assertThat(cache.usage(MediaKind.IMAGE).count()
                        + cache.usage(MediaKind.VIDEO).count())
                .isPositive();
    }

    @Test
    void should_write_each_name_once_when_many_ask_for_it_at_the_same_time() throws Exception {
        // given
        MediaCache cache = cache(false);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger downloads = new java.util.concurrent.atomic.AtomicInteger();

        // when
        for (int i = 0; i < 20; i++) {
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                StoredMedia media = cache.store(MediaKind.IMAGE, "same.png", out -> {
                    downloads.incrementAndGet();
                    out.write(new byte[] {1, 2, 3});
                    return null;
                });
                assertThat(media.size()).isEqualTo(3);
            }));
        }
        start.countDown();
        for (Thread reader : readers) {
            reader.join();
        }

        // then
        assertThat(downloads).hasValue(1);
        assertThat(cache.find(MediaKind.IMAGE, "same.png").orElseThrow().contentType())
                .isEqualTo("image/png");
    }

    @Test
    void should_not_find_list_or_delete_anything_outside_its_directories() throws Exception {
        // given
        MediaCache cache = cache(false);
        Files.writeString(root.resolve("secret.txt"), "secret");
        cache.store(MediaKind.IMAGE, "ok.jpg", out -> {
            out.write(1);
            return null;
        });

        // when / then
        for (String name : List.of("../secret.txt", "..", "/etc/passwd", ".hidden", "a/../../secret.txt", "")) {
            assertThat(cache.find(MediaKind.IMAGE, name)).as(name).isEmpty();
            assertThat(cache.delete(MediaKind.IMAGE, name)).as(name).isFalse();
        }
        assertThat(Files.exists(root.resolve("secret.txt"))).isTrue();
        assertThat(cache.page(MediaKind.IMAGE, 1, 10).items())
                .extracting(item -> item.entry().name())
                .containsExactly("ok.jpg");
        assertThat(new LocalMediaStore(root).list(MediaKind.IMAGE))
                .extracting(MediaEntry::name)
                .containsExactly("ok.jpg");
    }
}
