package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.storage.TokenTransitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link RequestLogStore} in memory, faithful to the port's contract (it passes {@code RequestLogStoreContract}).
 * Keeps millisecond precision like the real stores. Thread-safe: every operation holds the store's monitor.
 */
public final class InMemoryRequestLogStore implements RequestLogStore {
    private final List<LoggedRequest> rows = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized long append(RequestLogEntry e) {
        long id = nextId++;
        rows.add(new LoggedRequest(
                id,
                new RequestLogEntry(
                        TokenTransitions.millis(e.at()),
                        e.clientIp(),
                        e.keyName(),
                        e.model(),
                        e.status(),
                        e.durationMs(),
                        e.firstByteMs(),
                        e.tokenSuffix(),
                        e.errorCode())));
        return id;
    }

    @Override
    public synchronized RequestLogPage list(RequestLogQuery q) {
        List<LoggedRequest> matches = rows.stream()
                .filter(r -> q.status() == null || r.entry().status() == q.status())
                .filter(r -> q.success() == null || r.entry().success() == q.success())
                .filter(r -> q.model() == null || r.entry().model().equals(q.model()))
                .filter(r -> q.keyName() == null || r.entry().keyName().equals(q.keyName()))
                .sorted(Comparator.comparing((LoggedRequest r) -> r.entry().at())
                        .thenComparingLong(LoggedRequest::id)
                        .reversed())
                .toList();
        int from = Math.min(q.offset(), matches.size());
        int to = (int) Math.min((long) from + q.limit(), matches.size());
        return new RequestLogPage(matches.subList(from, to), matches.size());
    }

    @Override
    public synchronized int clear() {
        int count = rows.size();
        rows.clear();
        return count;
    }

    @Override
    public synchronized int pruneBefore(Instant cutoff) {
        int before = rows.size();
        rows.removeIf(r -> r.entry().at().isBefore(cutoff));
        return before - rows.size();
    }
}
