package dev.grok2api.core.storage;

import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@link dev.grok2api.core.port.TokenStore#list} and {@link dev.grok2api.core.port.TokenStore#counts}
 * semantics over records in memory, for stores that filter outside a query language (the in-memory fake, Redis).
 * SQL stores implement the same rules in SQL and pass the same contract. Thread-safe (stateless).
 */
public final class TokenQueries {
    private TokenQueries() {}

    /** Whether the record passes every filter of the query. */
    public static boolean matches(GrokToken token, TokenQuery query) {
        if (query.pool() != null && token.pool() != query.pool()) {
            return false;
        }
        if (query.status() != null && TokenTransitions.effectiveStatus(token, query.now()) != query.status()) {
            return false;
        }
        if (query.tag() != null && !token.tags().contains(query.tag())) {
            return false;
        }
        if (query.text() != null) {
            String needle = query.text().toLowerCase(Locale.ROOT);
            return token.token().toLowerCase(Locale.ROOT).contains(needle)
                    || token.note().toLowerCase(Locale.ROOT).contains(needle);
        }
        return true;
    }

    /** The order of a sort, ties broken by token value. */
    public static Comparator<GrokToken> order(TokenSort sort) {
        Comparator<GrokToken> primary = switch (sort) {
            case CREATED_ASC -> Comparator.comparing(GrokToken::createdAt);
            case CREATED_DESC -> Comparator.comparing(GrokToken::createdAt, Comparator.reverseOrder());
            case QUOTA_ASC -> Comparator.comparingInt(t -> t.quota().remaining());
            case QUOTA_DESC ->
                Comparator.comparingInt((GrokToken t) -> t.quota().remaining()).reversed();
            case LAST_USED_DESC ->
                Comparator.comparing(GrokToken::lastUsedAt, Comparator.nullsLast(Comparator.reverseOrder()));
            case USE_COUNT_DESC -> Comparator.comparingInt(GrokToken::useCount).reversed();
        };
        return primary.thenComparing(GrokToken::token);
    }

    /** Filters, sorts and pages the records. */
    public static TokenPage page(Collection<GrokToken> tokens, TokenQuery query) {
        List<GrokToken> matches = new ArrayList<>();
        for (GrokToken token : tokens) {
            if (matches(token, query)) {
                matches.add(token);
            }
        }
        matches.sort(order(query.sort()));
        int from = Math.min(query.offset(), matches.size());
        int to = (int) Math.min((long) from + query.limit(), matches.size());
        return new TokenPage(matches.subList(from, to), matches.size());
    }

    /** The pool-wide counts of the records at {@code now}. */
    public static TokenCounts counts(Collection<GrokToken> tokens, Instant now) {
        long active = 0, cooling = 0, invalid = 0, disabled = 0, quota = 0, heavy = 0, uses = 0;
        for (GrokToken token : tokens) {
            TokenStatus state = TokenTransitions.effectiveStatus(token, now);
            switch (state) {
                case ACTIVE -> active++;
                case COOLING -> cooling++;
                case INVALID -> invalid++;
                case DISABLED -> disabled++;
            }
            if ((state == TokenStatus.ACTIVE || state == TokenStatus.COOLING)
                    && token.quota().known()) {
                quota += token.quota().remaining();
            }
            if (token.heavyQuota().known()) {
                heavy += token.heavyQuota().remaining();
            }
            uses += token.useCount();
        }
        return new TokenCounts(tokens.size(), active, cooling, invalid, disabled, quota, heavy, uses);
    }
}
