package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UsageStore} must show. Subclass it once per implementation and provide an empty store
 * per test (and a second instance on the same backend where there is one).
 */
public abstract class UsageStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    /** The store under test; empty at the start of every test. */
    protected abstract UsageStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected UsageStore secondInstance() {
        return null;
    }

    private static UsageCharge chat(int amount, int limit) {
        return new UsageCharge(UsageBucket.CHAT, amount, limit);
    }

    private static UsageCharge heavy(int amount, int limit) {
        return new UsageCharge(UsageBucket.HEAVY, amount, limit);
    }

    @Test
    void should_report_zero_usage_when_nothing_was_charged() {
        assertThat(store().usage("k1", DAY)).isEqualTo(DailyUsage.zero("k1", DAY));
    }

    @Test
    void should_charge_every_bucket_when_all_fit() {
        // when
        ChargeResult result = store().charge("k1", DAY, List.of(heavy(1, 5), chat(1, 10)), T0);

        // then
        assertThat(result.charged()).isTrue();
        assertThat(result.exceeded()).isNull();
        assertThat(result.usage()).isEqualTo(new DailyUsage("k1", DAY, 1, 1, 0, 0));
        assertThat(store().usage("k1", DAY)).isEqualTo(result.usage());
    }

    @Test
    void should_charge_nothing_when_any_bucket_would_exceed() {
        // given
        store().charge("k1", DAY, List.of(heavy(2, 2)), T0);

        // when
        ChargeResult result = store().charge("k1", DAY, List.of(chat(1, 10), heavy(1, 2)), T0);

        // then
        assertThat(result.charged()).isFalse();
        assertThat(result.exceeded()).isEqualTo(UsageBucket.HEAVY);
        assertThat(result.usage()).isEqualTo(new DailyUsage("k1", DAY, 0, 2, 0, 0));
        assertThat(store().usage("k1", DAY)).isEqualTo(result.usage());
    }

    @Test
    void should_allow_reaching_the_limit_exactly_and_block_the_next_charge() {
        assertThat(store().charge("k1", DAY, List.of(new UsageCharge(UsageBucket.IMAGE, 2, 4)), T0)
                        .charged())
                .isTrue();
        assertThat(store().charge("k1", DAY, List.of(new UsageCharge(UsageBucket.IMAGE, 2, 4)), T0)
                        .charged())
                .isTrue();
        ChargeResult third = store().charge("k1", DAY, List.of(new UsageCharge(UsageBucket.IMAGE, 1, 4)), T0);
        assertThat(third.charged()).isFalse();
        assertThat(third.exceeded()).isEqualTo(UsageBucket.IMAGE);
        assertThat(store().usage("k1", DAY).image()).isEqualTo(4);
    }

    @Test
    void should_block_everything_when_the_limit_is_zero_and_nothing_when_unlimited() {
        assertThat(store().charge("k1", DAY, List.of(chat(1, 0)), T0).charged()).isFalse();
        assertThat(store().charge("k1", DAY, List.of(chat(0, 0)), T0).charged()).isTrue();
        for (int i = 0; i < 50; i++) {
            assertThat(store().charge("k1", DAY, List.of(new UsageCharge(UsageBucket.VIDEO, 100, -1)), T0)
                            .charged())
                    .isTrue();
        }
        assertThat(store().usage("k1", DAY).video()).isEqualTo(5_000);
    }

    @Test
    void should_report_the_first_exceeded_bucket_in_the_given_order() {
        ChargeResult result = store().charge(
                        "k1", DAY, List.of(chat(1, 10), new UsageCharge(UsageBucket.IMAGE, 5, 1), heavy(1, 0)), T0);
        assertThat(result.exceeded()).isEqualTo(UsageBucket.IMAGE);
    }

    @Test
    void should_keep_keys_and_days_apart() {
        // when
        store().charge("k1", DAY, List.of(chat(3, -1)), T0);
        store().charge("k2", DAY, List.of(chat(5, -1)), T0);
        store().charge("k1", DAY.plusDays(1), List.of(chat(7, -1)), T0);

        // then
        assertThat(store().usage("k1", DAY).chat()).isEqualTo(3);
        assertThat(store().usage("k2", DAY).chat()).isEqualTo(5);
        assertThat(store().usage("k1", DAY.plusDays(1)).chat()).isEqualTo(7);
        assertThat(store().usageOn(DAY, List.of("k1", "k2", "k3")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "k1", new DailyUsage("k1", DAY, 3, 0, 0, 0),
                        "k2", new DailyUsage("k2", DAY, 5, 0, 0, 0),
                        "k3", DailyUsage.zero("k3", DAY)));
        assertThat(store().usageOn(DAY, List.of())).isEmpty();
    }

    @Test
    void should_refund_without_going_below_zero() {
        // given
        store().charge("k1", DAY, List.of(chat(3, -1), heavy(1, -1)), T0);

        // when
        DailyUsage after = store().refund("k1", DAY, Map.of(UsageBucket.CHAT, 1, UsageBucket.HEAVY, 5), T0);

        // then
        assertThat(after).isEqualTo(new DailyUsage("k1", DAY, 2, 0, 0, 0));
        assertThat(store().usage("k1", DAY)).isEqualTo(after);
        assertThat(store().refund("k9", DAY, Map.of(UsageBucket.IMAGE, 2), T0)).isEqualTo(DailyUsage.zero("k9", DAY));
    }

    @Test
    void should_reject_a_bucket_charged_twice_and_charge_nothing() {
        assertThatThrownBy(() -> store().charge("k1", DAY, List.of(chat(1, 5), chat(1, 5)), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAT");
        assertThat(store().usage("k1", DAY)).isEqualTo(DailyUsage.zero("k1", DAY));
    }

    @Test
    void should_prune_days_before_the_cutoff() {
        // given
        store().charge("k1", DAY.minusDays(2), List.of(chat(1, -1)), T0);
        store().charge("k2", DAY.minusDays(1), List.of(chat(1, -1)), T0);
        store().charge("k1", DAY, List.of(chat(1, -1)), T0);

        // when
        int pruned = store().pruneBefore(DAY);

        // then
        assertThat(pruned).isEqualTo(2);
        assertThat(store().usage("k1", DAY.minusDays(2)).chat()).isZero();
        assertThat(store().usage("k1", DAY).chat()).isEqualTo(1);
    }

    @Test
    void should_never_exceed_the_limit_when_many_writers_race() throws Exception {
        // given
        AtomicInteger charged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        // when: 8 threads x 20 attempts against a limit of 100, heavy and chat together
        Concurrently.run(8, 20, (thread, i) -> {
            UsageStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            ChargeResult result = target.charge("hot", DAY, List.of(heavy(1, 100), chat(1, 1_000)), T0);
            (result.charged() ? charged : refused).incrementAndGet();
        });

        // then
        assertThat(charged).hasValue(100);
        assertThat(refused).hasValue(60);
        assertThat(store().usage("hot", DAY)).isEqualTo(new DailyUsage("hot", DAY, 100, 100, 0, 0));
    }
}
