package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.fixture.TestClock;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.RequestStatsReport;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.testkit.fake.InMemoryRequestLogStore;
import dev.grok2api.testkit.fake.InMemoryStatsStore;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StatsServiceTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-10T12:30:00Z"));
    private final InMemoryStatsStore stats = new InMemoryStatsStore();
    private final QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(480);
    private final StatsService service =
            new StatsService(stats, new InMemoryRequestLogStore(), new InMemoryTokenStore(), quotaDay, clock);

    private void record(String model, boolean success, Duration ago) {
        Instant at = clock.instant().minus(ago);
        stats.record(model, success, at, quotaDay.dayOf(at));
    }

    @Test
    void should_show_every_hour_and_day_with_zeros_where_nothing_was_served() {
        // given
        record("grok-3", true, Duration.ZERO);
        record("grok-3", false, Duration.ofHours(2));
        record("grok-4", true, Duration.ofDays(3));

        // when
        RequestStatsReport report = service.report(24, 7);

        // then
        assertThat(report.hourly()).hasSize(24);
        assertThat(report.hourly().get(0).hour()).isEqualTo(Instant.parse("2030-01-09T13:00:00Z"));
        assertThat(report.hourly().get(23)).isEqualTo(new HourlyStats(Instant.parse("2030-01-10T12:00:00Z"), 1, 0));
        assertThat(report.hourly().get(21)).isEqualTo(new HourlyStats(Instant.parse("2030-01-10T10:00:00Z"), 0, 1));
        assertThat(report.daily()).hasSize(7);
        assertThat(report.daily().get(6).day()).isEqualTo(LocalDate.parse("2030-01-10"));
        assertThat(report.daily().get(3)).isEqualTo(new DailyStats(LocalDate.parse("2030-01-07"), 1, 0));
        assertThat(report.models()).extracting(m -> m.model()).containsExactly("grok-3", "grok-4");
    }

    @Test
    void should_summarise_exactly_the_hours_shown() {
        // given: one request inside the 24 hours, one 30 hours ago (still retained)
        record("grok-3", true, Duration.ofHours(1));
        record("grok-3", false, Duration.ofHours(30));

        // when
        RequestStatsReport report = service.report(24, 7);

        // then
        assertThat(report.total()).isEqualTo(1);
        assertThat(report.successRate()).isEqualTo(100.0);
        assertThat(service.report(48, 7).successRate()).isEqualTo(50.0);
        assertThat(new StatsService(stats, new InMemoryRequestLogStore(), new InMemoryTokenStore(), quotaDay, clock)
                        .report(1, 1)
                        .successRate())
                .isZero();
    }
}
