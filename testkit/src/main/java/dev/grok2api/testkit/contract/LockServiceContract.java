package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.lock.LockLease;
import dev.grok2api.core.port.LockService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LockService} must show. Subclass it once per implementation and provide a service
 * without held locks per test (and a second instance on the same backend where there is one).
 */
public abstract class LockServiceContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00.654Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    /** The service under test; no lock is held at the start of every test. */
    protected abstract LockService locks();

    /** Another instance on the same backend as {@link #locks()}, or null when there is no shared backend. */
    protected LockService secondInstance() {
        return null;
    }

    private LockService other() {
        return secondInstance() == null ? locks() : secondInstance();
    }

    @Test
    void should_grant_a_free_lock_with_its_expiry() {
        Optional<LockLease> lease = locks().tryAcquire("token_refresh", "instance-a", TTL, T0);
        assertThat(lease).contains(new LockLease("token_refresh", "instance-a", T0.plus(TTL)));
    }

    @Test
    void should_refuse_another_owner_while_the_lease_is_unexpired() {
        locks().tryAcquire("token_refresh", "instance-a", TTL, T0);
        assertThat(other().tryAcquire(
                                "token_refresh", "instance-b", TTL, T0.plus(TTL).minusMillis(1)))
                .isEmpty();
        assertThat(other().tryAcquire("another_lock", "instance-b", TTL, T0)).isPresent();
    }

    @Test
    void should_grant_the_lock_to_another_owner_when_the_lease_has_expired() {
        locks().tryAcquire("token_refresh", "instance-a", TTL, T0);
        assertThat(other().tryAcquire("token_refresh", "instance-b", TTL, T0.plus(TTL)))
                .contains(new LockLease(
                        "token_refresh", "instance-b", T0.plus(TTL).plus(TTL)));
        assertThat(locks().tryAcquire("token_refresh", "instance-a", TTL, T0.plus(TTL)))
                .isEmpty();
    }

    @Test
    void should_renew_the_lease_when_the_owner_acquires_again() {
        locks().tryAcquire("token_refresh", "instance-a", TTL, T0);
        Optional<LockLease> renewed = locks().tryAcquire("token_refresh", "instance-a", TTL, T0.plusSeconds(20));
        assertThat(renewed)
                .contains(new LockLease(
                        "token_refresh", "instance-a", T0.plusSeconds(20).plus(TTL)));
        assertThat(other().tryAcquire("token_refresh", "instance-b", TTL, T0.plus(TTL)))
                .isEmpty();
    }

    @Test
    void should_release_only_for_the_owner() {
        locks().tryAcquire("token_refresh", "instance-a", TTL, T0);
        assertThat(other().release("token_refresh", "instance-b")).isFalse();
        assertThat(other().tryAcquire("token_refresh", "instance-b", TTL, T0)).isEmpty();
        assertThat(locks().release("token_refresh", "instance-a")).isTrue();
        assertThat(locks().release("token_refresh", "instance-a")).isFalse();
        assertThat(other().tryAcquire("token_refresh", "instance-b", TTL, T0)).isPresent();
    }

    @Test
    void should_report_false_when_releasing_an_unknown_lock() {
        assertThat(locks().release("never_taken", "instance-a")).isFalse();
    }

    @Test
    void should_reject_invalid_arguments() {
        assertThatThrownBy(() -> locks().tryAcquire("", "o", TTL, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locks().tryAcquire("n", "x".repeat(129), TTL, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locks().tryAcquire("n", "o", Duration.ZERO, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_grant_the_lock_to_exactly_one_owner_when_many_race() throws Exception {
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        Concurrently.run(8, 5, (thread, i) -> {
            LockService target = thread % 2 == 1 ? other() : locks();
            target.tryAcquire("race-" + i, "owner-" + thread, TTL, T0).ifPresent(l -> winners.add(l.name()));
        });
        assertThat(winners).hasSize(5).doesNotHaveDuplicates();
    }
}
