package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaPage;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaCacheTest {
    private static final int KIB = 1024;

    private final InMemoryMediaStore store = new InMemoryMediaStore();
    private final MutableSettings settings = MutableSettings.defaults().set("cache.limit_mb", 1L);
    private final MediaCache cache = new MediaCache(store, settings, new Random(5));

    private StoredMedia put(MediaKind kind, String name, int bytes) {
        return cache.store(kind, name, out -> {
            out.write(new byte[bytes]);
            return null;
        });
    }

    private long total() {
        return cache.usage(MediaKind.IMAGE).bytes()
                + cache.usage(MediaKind.VIDEO).bytes();
    }

    @Test
    void should_delete_the_oldest_files_down_to_80_percent_once_over_the_limit() {
        // given
        put(MediaKind.IMAGE, "a.jpg", 300 * KIB);
        put(MediaKind.VIDEO, "b.mp4", 300 * KIB);
        put(MediaKind.IMAGE, "c.jpg", 300 * KIB);
        assertThat(total()).isEqualTo(900 * KIB);

        // when
        put(MediaKind.IMAGE, "d.jpg", 300 * KIB);

        // then
        assertThat(total()).isLessThanOrEqualTo(1024 * KIB * 80 / 100);
        assertThat(cache.find(MediaKind.IMAGE, "a.jpg")).isEmpty();
        assertThat(cache.find(MediaKind.VIDEO, "b.mp4")).isEmpty();
        assertThat(cache.find(MediaKind.IMAGE, "c.jpg")).isPresent();
        assertThat(cache.find(MediaKind.IMAGE, "d.jpg")).isPresent();
    }

    @Test
    void should_keep_everything_when_auto_clean_is_off() {
        // given
        settings.set("cache.enable_auto_clean", false);

        // when
        for (int i = 0; i < 5; i++) {
            put(MediaKind.IMAGE, i + ".jpg", 300 * KIB);
        }

        // then
        assertThat(cache.usage(MediaKind.IMAGE).count()).isEqualTo(5);
    }

    @Test
    void should_store_an_upload_under_a_random_name_with_the_extension_of_its_type() {
        // when
        StoredMedia png = cache.upload(new byte[] {1, 2}, "image/png");
        StoredMedia other = cache.upload(new byte[] {3}, "image/heic; q=1");

        // then
        assertThat(png.name()).matches("upload-[0-9a-f]{32}\\.png");
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(other.name()).endsWith(".jpg");
        assertThatThrownBy(() -> cache.upload(new byte[] {1}, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_page_newest_first_and_preview_a_video_with_the_poster_of_its_folder() {
        // given
        put(MediaKind.VIDEO, "users-u-generated-v1-generated_video.mp4", 10);
        put(MediaKind.IMAGE, "users-u-generated-v1-preview_image.jpg", 10);
        put(MediaKind.VIDEO, "clip.mp4", 10);
        put(MediaKind.IMAGE, "clip.jpg", 10);

        // when
        MediaPage first = cache.page(MediaKind.VIDEO, 1, 1);
        MediaPage second = cache.page(MediaKind.VIDEO, 2, 1);

        // then
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.items()).extracting(item -> item.entry().name()).containsExactly("clip.mp4");
        assertThat(first.items().get(0).preview().name()).isEqualTo("clip.jpg");
        assertThat(second.items().get(0).preview())
                .extracting(MediaEntry::name)
                .isEqualTo("users-u-generated-v1-preview_image.jpg");
        assertThat(cache.page(MediaKind.VIDEO, 3, 1).items()).isEmpty();
    }

    @Test
    void should_delete_by_link_name_and_clear_a_kind() {
        // given
        put(MediaKind.IMAGE, "users-u-a.jpg", 10);
        put(MediaKind.IMAGE, "b.jpg", 20);
        put(MediaKind.VIDEO, "c.mp4", 30);

        // when
        boolean deleted = cache.delete(MediaKind.IMAGE, "users/u/a.jpg");
        var cleared = cache.clear(MediaKind.IMAGE);

        // then
        assertThat(deleted).isTrue();
        assertThat(cleared.count()).isEqualTo(1);
        assertThat(cleared.bytes()).isEqualTo(20);
        assertThat(store.list(MediaKind.VIDEO)).extracting(MediaEntry::name).isEqualTo(List.of("c.mp4"));
    }
}
