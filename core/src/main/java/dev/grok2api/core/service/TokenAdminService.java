package dev.grok2api.core.service;

import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenPool;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Operator actions on the account pool. Thread-safe. */
public final class TokenAdminService {
    private final TokenStore store;
    private final InstantSource clock;

    public TokenAdminService(TokenStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What adding tokens did.
     *
     * @param added tokens newly stored, normalised, in input order
     * @param existing how many were already in the pool (left untouched)
     * @param duplicates how many repeated an earlier entry of the same request
     * @param blank how many entries were empty
     */
    public record AddResult(List<String> added, int existing, int duplicates, int blank) {
        public AddResult {
            added = List.copyOf(added);
        }
    }

    /**
     * Adds accounts to a pool. Entries may be bare values, {@code sso=…} or whole cookie strings; they are
     * normalised and de-duplicated, and accounts already stored (in any pool) are left untouched.
     */
    public AddResult add(TokenPool pool, List<String> rawTokens) {
        Objects.requireNonNull(pool, "pool");
        int blank =
                (int) rawTokens.stream().filter(t -> t == null || t.isBlank()).count();
        List<SsoCredential> unique = SsoCredential.parseAll(rawTokens);
        int duplicates = rawTokens.size() - blank - unique.size();
        Instant now = clock.instant();
        List<GrokToken> records = new ArrayList<>(unique.size());
        for (SsoCredential credential : unique) {
            records.add(GrokToken.newAccount(credential, pool, now));
        }
        List<String> added = store.insertIfAbsent(records);
        return new AddResult(added, unique.size() - added.size(), duplicates, blank);
    }

    /** Every account grouped by pool, each pool in creation order (both pools always present). */
    public Map<TokenPool, List<GrokToken>> listByPool() {
        Map<TokenPool, List<GrokToken>> byPool = new EnumMap<>(TokenPool.class);
        for (TokenPool pool : TokenPool.values()) {
            byPool.put(pool, new ArrayList<>());
        }
        List<GrokToken> all = new ArrayList<>(store.listAll());
        all.sort((a, b) -> {
            int byCreation = a.createdAt().compareTo(b.createdAt());
            return byCreation != 0 ? byCreation : a.token().compareTo(b.token());
        });
        for (GrokToken token : all) {
            byPool.get(token.pool()).add(token);
        }
        return byPool;
    }
}
