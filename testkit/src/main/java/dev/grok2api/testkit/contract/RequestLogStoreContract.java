package dev.grok2api.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RequestLogStore} must show. Subclass it once per implementation and provide an empty
 * store per test (and a second instance on the same backend where there is one).
 */
public abstract class RequestLogStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T08:00:00.321Z");

    /** The store under test; empty at the start of every test. */
    protected abstract RequestLogStore store();

    /** Another instance on the same backend as {@link #store()}, or null when there is no shared backend. */
    protected RequestLogStore secondInstance() {
        return null;
    }

    private static RequestLogEntry entry(Instant at, String model, int status, String key) {
        return new RequestLogEntry(
                at, "203.0.113.7", key, model, status, 1234, status < 400 ? 87 : -1, "x9Qk2a", status < 400 ? "" : "e");
    }

    @Test
    void should_return_every_field_and_increasing_ids_when_appended() {
        // given
        RequestLogEntry first = new RequestLogEntry(
                T0, "2001:db8::1", "team-ünï", "grok-4", 502, 30_000, -1, "abc123", "upstream_error");
        RequestLogEntry second = entry(T0.plusMillis(1), "grok-3", 200, "");

        // when
        long id1 = store().append(first);
        long id2 = store().append(second);

        // then
        assertThat(id2).isGreaterThan(id1);
        assertThat(store().list(RequestLogQuery.newest(10)).items())
                .containsExactly(new LoggedRequest(id2, second), new LoggedRequest(id1, first));
    }

    @Test
    void should_page_newest_first_with_totals_and_id_tie_breaks() {
        // given: 9 rows, three per instant
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(store().append(entry(T0.plusSeconds(i / 3), "m", 200, "k")));
        }

        // when
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 4) {
            RequestLogPage page = store().list(new RequestLogQuery(null, null, null, null, offset, 4));
            assertThat(page.total()).isEqualTo(9);
            page.items().forEach(r -> seen.add(r.id()));
        }

        // then
        assertThat(seen).containsExactlyElementsOf(ids.reversed());
    }

    @Test
    void should_filter_by_status_outcome_model_and_key() {
        // given
        store().append(entry(T0, "grok-4", 200, "alpha"));
        store().append(entry(T0.plusSeconds(1), "grok-4", 429, "beta"));
        store().append(entry(T0.plusSeconds(2), "grok-3", 502, "alpha"));
        store().append(entry(T0.plusSeconds(3), "grok-3", 302, ""));

        // then
        assertThat(models(new RequestLogQuery(429, null, null, null, 0, 10))).containsExactly("grok-4");
        assertThat(statuses(new RequestLogQuery(null, true, null, null, 0, 10))).containsExactly(302, 200);
        assertThat(statuses(new RequestLogQuery(null, false, null, null, 0, 10)))
                .containsExactly(502, 429);
        assertThat(statuses(new RequestLogQuery(null, null, "grok-3", null, 0, 10)))
                .containsExactly(302, 502);
        assertThat(statuses(new RequestLogQuery(null, false, null, "alpha", 0, 10)))
                .containsExactly(502);
        assertThat(statuses(new RequestLogQuery(null, null, null, "", 0, 10))).containsExactly(302);
        assertThat(store().list(new RequestLogQuery(null, null, "grok-3", null, 1, 10))
                        .total())
                .isEqualTo(2);
    }

    private List<String> models(RequestLogQuery q) {
        return store().list(q).items().stream().map(r -> r.entry().model()).toList();
    }

    private List<Integer> statuses(RequestLogQuery q) {
        return store().list(q).items().stream().map(r -> r.entry().status()).toList();
    }

    @Test
    void should_delete_every_row_when_cleared() {
        store().append(entry(T0, "m", 200, "k"));
        store().append(entry(T0, "m", 200, "k"));
        assertThat(store().clear()).isEqualTo(2);
        assertThat(store().list(RequestLogQuery.newest(10)).total()).isZero();
        assertThat(store().clear()).isZero();
    }

    @Test
    void should_prune_only_rows_older_than_the_cutoff() {
        store().append(entry(T0.minusMillis(1), "old", 200, "k"));
        store().append(entry(T0, "edge", 200, "k"));
        store().append(entry(T0.plusSeconds(1), "new", 200, "k"));
        assertThat(store().pruneBefore(T0)).isEqualTo(1);
        assertThat(models(RequestLogQuery.newest(10))).containsExactly("new", "edge");
    }

    @Test
    void should_keep_every_row_with_a_unique_id_when_many_writers_append() throws Exception {
        ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
        Concurrently.run(6, 20, (thread, i) -> {
            RequestLogStore target = secondInstance() != null && thread % 2 == 1 ? secondInstance() : store();
            ids.add(target.append(entry(T0.plusMillis(i), "m" + thread, 200, "k")));
        });
        assertThat(new HashSet<>(ids)).hasSize(120);
        assertThat(store().list(RequestLogQuery.newest(1)).total()).isEqualTo(120);
    }
}
