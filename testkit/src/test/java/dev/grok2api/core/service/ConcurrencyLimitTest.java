package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.Cancellation;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    @Test
    void should_make_a_generation_over_the_cap_wait_and_stop_waiting_when_cancelled() throws Exception {
        // given
        ConcurrencyLimit slots = new ConcurrencyLimit(() -> 1, "a test");
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheOnlySlot(slots, release);
        Cancellation cancellation = Cancellation.create();
        AtomicReference<Throwable> waiterOutcome = new AtomicReference<>();
        CountDownLatch waiterDone = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                slots.run(cancellation, () -> "ran");
            } catch (RuntimeException e) {
                waiterOutcome.set(e);
            }
            waiterDone.countDown();
        });

        // when
        cancellation.cancel();

        // then
        assertThat(waiterDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiterOutcome.get()).isInstanceOf(CancellationException.class);
        release.countDown();
        holder.join();
        waiter.join();
        assertThat(slots.run(Cancellation.create(), () -> "free again")).isEqualTo("free again");
    }

    @Test
    void should_refuse_at_once_when_already_cancelled_and_the_cap_is_reached() throws Exception {
        // given
        ConcurrencyLimit slots = new ConcurrencyLimit(() -> 0, "a test");
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheOnlySlot(slots, release);
        Cancellation cancelled = Cancellation.create();
        cancelled.cancel();

        // when / then
        assertThatThrownBy(() -> slots.run(cancelled, () -> "never")).isInstanceOf(CancellationException.class);
        release.countDown();
        holder.join();
    }

    /** Starts a generation that holds a slot until {@code release} counts down; returns once it holds it. */
    private static Thread holdTheOnlySlot(ConcurrencyLimit slots, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual()
                .start(() -> slots.run(Cancellation.create(), () -> {
                    holding.countDown();
                    await(release);
                    return null;
                }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
