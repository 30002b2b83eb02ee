package dev.grok2api.core.usage;

import dev.grok2api.core.model.UsageBucket;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one key used on one day.
 *
 * @param keyId the key's id
 * @param day the quota day (the caller decides its time zone)
 * @param chat chat requests
 * @param heavy heavy-model requests
 * @param image images
 * @param video videos
 */
public record DailyUsage(String keyId, LocalDate day, long chat, long heavy, long image, long video) {
    public DailyUsage {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(day, "day");
    }

    /** Nothing used yet. */
    public static DailyUsage zero(String keyId, LocalDate day) {
        return new DailyUsage(keyId, day, 0, 0, 0, 0);
    }

    /** The amount used in one bucket. */
    public long used(UsageBucket bucket) {
        return switch (bucket) {
            case CHAT -> chat;
            case HEAVY -> heavy;
            case IMAGE -> image;
            case VIDEO -> video;
        };
    }

    /** A copy with {@code delta} added to one bucket, never going below zero. */
    public DailyUsage plus(UsageBucket bucket, long delta) {
        long value = Math.max(0, used(bucket) + delta);
        return new DailyUsage(
                keyId,
                day,
                bucket == UsageBucket.CHAT ? value : chat,
                bucket == UsageBucket.HEAVY ? value : heavy,
                bucket == UsageBucket.IMAGE ? value : image,
                bucket == UsageBucket.VIDEO ? value : video);
    }
}
