package dev.grok2api.testkit.fake;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link TokenStore} in memory, faithful to the port's contract (it passes {@code TokenStoreContract}), for tests
 * and embedding. Keeps millisecond precision like the real stores. Thread-safe: every operation holds the store's
 * monitor.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final Map<String, GrokToken> tokens = new LinkedHashMap<>();
    private long changes;

    @Override
    public synchronized List<String> insertIfAbsent(Collection<GrokToken> candidates) {
        List<String> inserted = new ArrayList<>();
        for (GrokToken candidate : candidates) {
            if (!tokens.containsKey(candidate.token())) {
                tokens.put(candidate.token(), TokenTransitions.truncatedToMillis(candidate));
                inserted.add(candidate.token());
            }
        }
        if (!inserted.isEmpty()) {
            changes++;
        }
        return inserted;
    }

    @Override
    public synchronized Optional<GrokToken> find(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public synchronized List<GrokToken> listAll() {
        return List.copyOf(tokens.values());
    }

    @Override
    public synchronized TokenPage list(TokenQuery query) {
        List<GrokToken> matches = new ArrayList<>();
        for (GrokToken token : tokens.values()) {
            if (matches(token, query)) {
                matches.add(token);
            }
        }
        matches.sort(order(query));
        int from = (int) Math.min(query.offset(), matches.size());
        int to = (int) Math.min((long) from + query.limit(), matches.size());
        return new TokenPage(matches.subList(from, to), matches.size());
    }

    private static boolean matches(GrokToken token, TokenQuery query) {
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

    private static Comparator<GrokToken> order(TokenQuery query) {
        Comparator<GrokToken> primary = switch (query.sort()) {
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

    @Override
    public synchronized TokenCounts counts(Instant now) {
        long active = 0, cooling = 0, invalid = 0, disabled = 0, quota = 0, heavy = 0, uses = 0;
        for (GrokToken token : tokens.values()) {
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

    @Override
    public Optional<GrokToken> edit(String token, TokenEdit edit) {
        return update(token, t -> TokenTransitions.edit(t, edit));
    }

    @Override
    public Optional<GrokToken> recordSuccess(String token, QuotaBucket bucket, QuotaChange change, Instant now) {
        return update(token, t -> TokenTransitions.recordSuccess(t, bucket, change, now));
    }

    @Override
    public Optional<GrokToken> recordSync(
            String token, QuotaBucket bucket, QuotaChange.Synced sync, boolean revive, Instant now) {
        return update(token, t -> TokenTransitions.recordSync(t, bucket, sync, revive, now));
    }

    @Override
    public Optional<GrokToken> recordFailure(String token, TokenFailure failure, int threshold) {
        return update(token, t -> TokenTransitions.recordFailure(t, failure, threshold));
    }

    @Override
    public Optional<GrokToken> coolDown(String token, Instant until, TokenFailure reason) {
        return update(token, t -> TokenTransitions.coolDown(t, until, reason));
    }

    @Override
    public Optional<GrokToken> invalidate(String token, TokenFailure reason) {
        return update(token, t -> TokenTransitions.invalidate(t, reason));
    }

    @Override
    public Optional<GrokToken> markAssetsCleared(String token, Instant at) {
        return update(token, t -> TokenTransitions.markAssetsCleared(t, at));
    }

    private synchronized Optional<GrokToken> update(String token, UnaryOperator<GrokToken> transition) {
        GrokToken current = tokens.get(token);
        if (current == null) {
            return Optional.empty();
        }
        GrokToken updated = transition.apply(current);
        tokens.put(token, updated);
        changes++;
        return Optional.of(updated);
    }

    @Override
    public synchronized int delete(Collection<String> names) {
        int deleted = 0;
        for (String name : List.copyOf(new java.util.LinkedHashSet<>(names))) {
            if (tokens.remove(name) != null) {
                deleted++;
            }
        }
        if (deleted > 0) {
            changes++;
        }
        return deleted;
    }

    @Override
    public synchronized int deleteByStatus(TokenStatus status) {
        int before = tokens.size();
        tokens.values().removeIf(t -> t.status() == status);
        int deleted = before - tokens.size();
        if (deleted > 0) {
            changes++;
        }
        return deleted;
    }

    @Override
    public synchronized long changeMarker() {
        return changes;
    }
}
