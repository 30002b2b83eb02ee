package dev.grok2api.core.apikey;

import dev.grok2api.core.model.UsageBucket;

/**
 * Per-day request limits of a client key, one per usage bucket; {@link #UNLIMITED} ({@code -1}) means no limit and
 * {@code 0} blocks the bucket.
 *
 * @param chat chat completions per day
 * @param heavy heavy-model requests per day (they are also charged to {@code chat})
 * @param image images per day
 * @param video videos per day
 */
public record DailyLimits(int chat, int heavy, int image, int video) {
    /** Marker for "no limit". */
    public static final int UNLIMITED = -1;

    /** No limit on any bucket. */
    public static final DailyLimits NONE = new DailyLimits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED);

    public DailyLimits {
        if (chat < UNLIMITED || heavy < UNLIMITED || image < UNLIMITED || video < UNLIMITED) {
            throw new IllegalArgumentException("daily limits must be -1 (unlimited) or >= 0");
        }
    }

    /** The limit of one bucket. */
    public int limitFor(UsageBucket bucket) {
        return switch (bucket) {
            case CHAT -> chat;
            case HEAVY -> heavy;
            case IMAGE -> image;
            case VIDEO -> video;
        };
    }
}
