package dev.grok2api.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which calendar day a moment belongs to for daily quotas and dashboards: the date at UTC plus a fixed offset (the
 * reference's {@code CACHE_RESET_TZ_OFFSET_MINUTES}, default 480 = UTC+8).
 *
 * @param offset the offset from UTC
 */
public record QuotaDay(ZoneOffset offset) {
    /** The reference's default offset in minutes (UTC+8). */
    public static final int DEFAULT_OFFSET_MINUTES = 480;

    public QuotaDay {
        Objects.requireNonNull(offset, "offset");
    }

    /** The day for an offset in minutes, clamped to −720..840 as the reference does. */
    public static QuotaDay ofOffsetMinutes(long minutes) {
        long clamped = Math.max(-720, Math.min(840, minutes));
        return new QuotaDay(ZoneOffset.ofTotalSeconds((int) clamped * 60));
    }

    /** The day {@code at} belongs to. */
    public LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, offset);
    }

    /** When the day after the one {@code at} belongs to starts (when quotas reset). */
    public Instant nextStart(Instant at) {
        return dayOf(at).plusDays(1).atStartOfDay().toInstant(offset);
    }
}
