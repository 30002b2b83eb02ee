package dev.grok2api.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QuotaDayTest {
    @Test
    void should_start_the_day_at_midnight_of_the_offset() {
        // given: the reference's default, UTC+8
        QuotaDay day = QuotaDay.ofOffsetMinutes(480);

        // then
        assertThat(day.dayOf(Instant.parse("2030-01-01T15:59:59Z"))).isEqualTo(LocalDate.parse("2030-01-01"));
        assertThat(day.dayOf(Instant.parse("2030-01-01T16:00:00Z"))).isEqualTo(LocalDate.parse("2030-01-02"));
        assertThat(day.nextStart(Instant.parse("2030-01-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2030-01-01T16:00:00Z"));
    }

    @Test
    void should_clamp_the_offset_like_the_reference() {
        assertThat(QuotaDay.ofOffsetMinutes(5000).offset()).isEqualTo(ZoneOffset.ofHours(14));
        assertThat(QuotaDay.ofOffsetMinutes(-5000).offset()).isEqualTo(ZoneOffset.ofHours(-12));
        assertThat(QuotaDay.ofOffsetMinutes(-90).offset()).isEqualTo(ZoneOffset.ofHoursMinutes(-1, -30));
    }
}
