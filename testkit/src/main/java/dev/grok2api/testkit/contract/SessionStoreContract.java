package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.port.SessionStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must show. Subclass it once per implementation and provide an empty
 * store per test (and a second instance on the same backend where there is one).
 */
public abstract class SessionStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00.456Z");
    private static final Duration TTL = Duration.ofHours(8);

    /** The store under test; empty at the start of every test. */
    protected abstract SessionStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected SessionStore secondInstance() {
        return null;
    }

    private static AdminSession session(String hash, Instant created) {
        return new AdminSession(hash, "admin", created, created.plus(TTL));
    }

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    @Test
    void should_find_the_session_when_it_is_still_valid() {
        // given
        AdminSession created = session(hash(1), T0);

        // when
        store().create(created);

        // then
        assertThat(store().find(hash(1), T0)).contains(created);
        assertThat(store().find(hash(1), T0.plus(TTL).minusMillis(1))).contains(created);
    }

    @Test
    void should_not_return_the_session_when_it_has_expired() {
        store().create(session(hash(1), T0));
        assertThat(store().find(hash(1), T0.plus(TTL))).isEmpty();
        assertThat(store().find(hash(1), T0.plus(TTL).plusSeconds(1))).isEmpty();
    }

    @Test
    void should_return_empty_when_the_hash_is_unknown() {
        store().create(session(hash(1), T0));
        assertThat(store().find(hash(2), T0)).isEmpty();
        assertThat(store().delete(hash(2))).isFalse();
    }

    @Test
    void should_replace_the_session_when_the_same_hash_is_created_again() {
        // given
        store().create(session(hash(1), T0));
        AdminSession renewed = new AdminSession(hash(1), "root", T0.plusSeconds(60), T0.plus(Duration.ofDays(1)));

        // when
        store().create(renewed);

        // then
        assertThat(store().find(hash(1), T0.plus(TTL).plusSeconds(1))).contains(renewed);
    }

    @Test
    void should_end_one_session_when_it_is_deleted() {
        // given
        store().create(session(hash(1), T0));
        store().create(session(hash(2), T0));

        // when
        boolean deleted = store().delete(hash(1));

        // then
        assertThat(deleted).isTrue();
        assertThat(store().find(hash(1), T0)).isEmpty();
        assertThat(store().find(hash(2), T0)).isPresent();
        assertThat(store().delete(hash(1))).isFalse();
    }

    @Test
    void should_end_every_session_and_count_them_when_all_are_deleted() {
        store().create(session(hash(1), T0));
        store().create(session(hash(2), T0));
        store().create(session(hash(3), T0.minus(TTL.multipliedBy(2))));
        assertThat(store().deleteAll()).isEqualTo(3);
        assertThat(store().find(hash(2), T0)).isEmpty();
        assertThat(store().deleteAll()).isZero();
    }

    @Test
    void should_purge_only_expired_sessions() {
        // given
        store().create(session(hash(1), T0.minus(TTL))); // expires exactly at T0
        store().create(session(hash(2), T0.minus(TTL).minusSeconds(1)));
        store().create(session(hash(3), T0.minus(TTL).plusSeconds(1)));

        // when
        int purged = store().purgeExpired(T0);

        // then
        assertThat(purged).isEqualTo(2);
        assertThat(store().find(hash(3), T0)).isPresent();
        assertThat(store().purgeExpired(T0)).isZero();
        assertThat(store().deleteAll()).isEqualTo(1);
    }

    @Test
    void should_see_sessions_of_the_other_instance_when_two_instances_share_a_backend() {
        SessionStore second = secondInstance();
        if (second == null) {
            return; // nothing to share
        }
        store().create(session(hash(7), T0));
        assertThat(second.find(hash(7), T0)).isPresent();
        assertThat(second.delete(hash(7))).isTrue();
        assertThat(store().find(hash(7), T0)).isEmpty();
    }

    @Test
    void should_keep_every_session_when_many_writers_create_concurrently() throws Exception {
        Concurrently.run(6, 20, (thread, i) -> {
            SessionStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            target.create(session(hash(thread * 1000 + i), T0));
        });
        assertThat(store().deleteAll()).isEqualTo(120);
    }
}
