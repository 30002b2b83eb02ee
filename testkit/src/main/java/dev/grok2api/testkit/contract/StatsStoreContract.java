package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StatsStore} must show. Subclass it once per implementation and provide an empty store
 * per test (and a second instance on the same backend where there is one).
 */
public abstract class StatsStoreContract {
    protected static final Instant H0 = Instant.parse("2026-03-01T08:00:00Z");
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    /** The store under test; empty at the start of every test. */
    protected abstract StatsStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected StatsStore secondInstance() {
        return null;
    }

    @Test
    void should_return_nothing_when_nothing_was_recorded() {
        assertThat(store().hourly(H0.minus(Duration.ofDays(1)), H0.plus(Duration.ofDays(1))))
                .isEmpty();
        assertThat(store().daily(DAY.minusDays(7), DAY)).isEmpty();
        assertThat(store().topModels(10)).isEmpty();
    }

    @Test
    void should_count_each_outcome_in_its_hour_day_and_model() {
        // when
        store().record("grok-4", true, H0.plusSeconds(10), DAY);
        store().record("grok-4", false, H0.plusSeconds(3599), DAY);
        store().record("grok-3", true, H0.plusSeconds(3600), DAY);
        store().record("grok-3", true, H0.plus(Duration.ofHours(20)), DAY.plusDays(1));

        // then
        assertThat(store().hourly(H0, H0.plus(Duration.ofDays(1))))
                .containsExactly(
                        new HourlyStats(H0, 1, 1),
                        new HourlyStats(H0.plusSeconds(3600), 1, 0),
                        new HourlyStats(H0.plus(Duration.ofHours(20)), 1, 0));
        assertThat(store().daily(DAY, DAY.plusDays(1)))
                .containsExactly(new DailyStats(DAY, 2, 1), new DailyStats(DAY.plusDays(1), 1, 0));
        assertThat(store().topModels(10))
                .containsExactly(new ModelStats("grok-3", 2, 0), new ModelStats("grok-4", 1, 1));
    }

    @Test
    void should_treat_the_hour_range_as_half_open_and_the_day_range_as_closed() {
        // given
        for (int h = 0; h < 5; h++) {
            store().record("m", true, H0.plus(Duration.ofHours(h)), DAY.plusDays(h));
        }

        // then
        assertThat(store().hourly(H0.plus(Duration.ofHours(1)), H0.plus(Duration.ofHours(3))))
                .extracting(HourlyStats::hour)
                .containsExactly(H0.plus(Duration.ofHours(1)), H0.plus(Duration.ofHours(2)));
        assertThat(store().daily(DAY.plusDays(1), DAY.plusDays(3)))
                .extracting(DailyStats::day)
                .containsExactly(DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(3));
        assertThat(store().hourly(H0.plus(Duration.ofHours(3)), H0)).isEmpty();
        assertThat(store().daily(DAY.plusDays(3), DAY)).isEmpty();
    }

    @Test
    void should_rank_models_by_total_then_name_and_honour_the_limit() {
        store().record("b", true, H0, DAY);
        store().record("a", false, H0, DAY);
        store().record("c", true, H0, DAY);
        store().record("c", true, H0, DAY);
        assertThat(store().topModels(2)).extracting(ModelStats::model).containsExactly("c", "a");
        assertThat(store().topModels(0)).isEmpty();
    }

    @Test
    void should_prune_old_buckets_and_keep_model_counts() {
        // given
        store().record("m", true, H0.minus(Duration.ofHours(49)), DAY.minusDays(31));
        store().record("m", true, H0.minus(Duration.ofHours(48)), DAY.minusDays(30));
        store().record("m", true, H0, DAY);

        // when
        int pruned = store().prune(H0.minus(Duration.ofHours(48)), DAY.minusDays(30));

        // then
        assertThat(pruned).isEqualTo(2);
        assertThat(store().hourly(H0.minus(Duration.ofDays(10)), H0.plusSeconds(1)))
                .extracting(HourlyStats::hour)
                .containsExactly(H0.minus(Duration.ofHours(48)), H0);
        assertThat(store().daily(DAY.minusDays(60), DAY)).hasSize(2);
        assertThat(store().topModels(1)).containsExactly(new ModelStats("m", 3, 0));
    }

    @Test
    void should_forget_everything_when_cleared() {
        store().record("m", true, H0, DAY);
        store().clear();
        assertThat(store().hourly(H0, H0.plusSeconds(3600))).isEmpty();
        assertThat(store().daily(DAY, DAY)).isEmpty();
        assertThat(store().topModels(5)).isEmpty();
    }

    @Test
    void should_add_up_exactly_when_many_writers_record_at_once() throws Exception {
        // when
        Concurrently.run(8, 25, (thread, i) -> {
            StatsStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            target.record("grok-" + (thread % 2), i % 5 != 0, H0.plusSeconds(i), DAY);
        });

        // then
        assertThat(store().hourly(H0, H0.plusSeconds(3600))).containsExactly(new HourlyStats(H0, 160, 40));
        assertThat(store().daily(DAY, DAY)).containsExactly(new DailyStats(DAY, 160, 40));
        assertThat(store().topModels(5))
                .containsExactly(new ModelStats("grok-0", 80, 20), new ModelStats("grok-1", 80, 20));
    }
}
