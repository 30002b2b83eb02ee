package dev.grok2api.core.config;

/**
 * The settings of the media features ({@code cache.*}, the media parts of {@code performance.*}, and {@code
 * app.image_pad_missing}), with the bundled defaults for keys a snapshot lacks (embedders' and tests' settings).
 *
 * @param autoClean {@code cache.enable_auto_clean}: enforce the size limit
 * @param limitBytes {@code cache.limit_mb} in bytes, at least 1 MiB
 * @param keepBase64Cache {@code cache.keep_base64_cache}: keep files downloaded only to be encoded
 * @param mediaMaxConcurrent {@code performance.media_max_concurrent}: video generations at once, at least 1
 * @param assetsDeleteBatch {@code performance.assets_delete_batch_size}: parallel deletions per account, at least 1
 * @param adminAssetsBatch {@code performance.admin_assets_batch_size}: accounts per asset job at once, at least 1
 * @param padMissingImages {@code app.image_pad_missing}: pad missing images with {@code "error"}
 */
public record MediaSettings(
        boolean autoClean,
        long limitBytes,
        boolean keepBase64Cache,
        int mediaMaxConcurrent,
        int assetsDeleteBatch,
        int adminAssetsBatch,
        boolean padMissingImages) {
    private static final long MIB = 1024L * 1024L;

    /** The media settings of a snapshot. */
    public static MediaSettings of(Settings s) {
        return new MediaSettings(
                bool(s, "cache.enable_auto_clean", true),
                Math.max(1, number(s, "cache.limit_mb", 1024)) * MIB,
                bool(s, "cache.keep_base64_cache", true),
                (int) Math.max(1, number(s, "performance.media_max_concurrent", 50)),
                (int) Math.max(1, number(s, "performance.assets_delete_batch_size", 10)),
                (int) Math.max(1, number(s, "performance.admin_assets_batch_size", 10)),
                bool(s, "app.image_pad_missing", false));
    }

    private static boolean bool(Settings s, String key, boolean fallback) {
        return s.has(key) ? s.bool(key) : fallback;
    }

    private static long number(Settings s, String key, long fallback) {
        return s.has(key) ? s.longValue(key) : fallback;
    }
}
