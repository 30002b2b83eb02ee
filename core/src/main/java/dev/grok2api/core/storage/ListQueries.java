package dev.grok2api.core.storage;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogPage;
import dev.grok2api.core.requestlog.RequestLogQuery;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The listing semantics of {@link dev.grok2api.core.port.ApiKeyStore#list} and {@link
 * dev.grok2api.core.port.RequestLogStore#list} over records in memory, for stores that filter outside a query
 * language (the in-memory fakes, Redis). Thread-safe (stateless).
 */
public final class ListQueries {
    private ListQueries() {}

    /** Newest first, ties by id. */
    public static final Comparator<ApiKey> API_KEY_ORDER =
            Comparator.comparing(ApiKey::createdAt).reversed().thenComparing(ApiKey::id);

    /** Newest first, ties by higher id first. */
    public static final Comparator<LoggedRequest> REQUEST_LOG_ORDER = Comparator.comparing(
                    (LoggedRequest r) -> r.entry().at())
            .thenComparingLong(LoggedRequest::id)
            .reversed();

    /** Whether a key passes the query's filters. */
    public static boolean matches(ApiKey key, ApiKeyQuery query) {
        if (query.enabled() != null && key.enabled() != query.enabled()) {
            return false;
        }
        if (query.text() == null) {
            return true;
        }
        String needle = query.text().toLowerCase(Locale.ROOT);
        return key.name().toLowerCase(Locale.ROOT).contains(needle)
                || key.mask().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Whether a log row passes the query's filters. */
    public static boolean matches(LoggedRequest row, RequestLogQuery query) {
        var e = row.entry();
        return (query.status() == null || e.status() == query.status())
                && (query.success() == null || e.success() == query.success())
                && (query.model() == null || e.model().equals(query.model()))
                && (query.keyName() == null || e.keyName().equals(query.keyName()));
    }

    /** Filters, sorts and pages keys. */
    public static ApiKeyPage page(Collection<ApiKey> keys, ApiKeyQuery query) {
        List<ApiKey> matches = keys.stream()
                .filter(k -> matches(k, query))
                .sorted(API_KEY_ORDER)
                .toList();
        return new ApiKeyPage(slice(matches, query.offset(), query.limit()), matches.size());
    }

    /** Filters, sorts and pages log rows. */
    public static RequestLogPage page(Collection<LoggedRequest> rows, RequestLogQuery query) {
        List<LoggedRequest> matches = rows.stream()
                .filter(r -> matches(r, query))
                .sorted(REQUEST_LOG_ORDER)
                .toList();
        return new RequestLogPage(slice(matches, query.offset(), query.limit()), matches.size());
    }

    private static <T> List<T> slice(List<T> items, int offset, int limit) {
        int from = Math.min(offset, items.size());
        int to = (int) Math.min((long) from + limit, items.size());
        return items.subList(from, to);
    }
}
