package dev.grok2api.testkit.fake;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TokenSelector} for service tests: hands out its accounts in the order given (skipping excluded ones) and
 * records every reported outcome. Thread-safe.
 */
public final class FakeTokenSelector implements TokenSelector {

    /** A reported outcome: {@code error} is null for a success. */
    public record Outcome(String token, Grok2ApiException error) {
        public boolean success() {
            return error == null;
        }
    }

    private final List<GrokToken> tokens;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    private FakeTokenSelector(List<GrokToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** A selector over fresh basic accounts with these sso values. */
    public static FakeTokenSelector of(String... ssoValues) {
        List<GrokToken> tokens = new ArrayList<>();
        for (String sso : ssoValues) {
            tokens.add(GrokToken.newAccount(SsoCredential.parse(sso), TokenPool.BASIC, Instant.EPOCH));
        }
        return new FakeTokenSelector(tokens);
    }

    @Override
    public Optional<TokenLease> acquire(TokenRequest request) {
        return tokens.stream()
                .filter(t -> !request.excluded().contains(t.token()))
                .findFirst()
                .map(t -> new TokenLease(t, request.model()));
    }

    @Override
    public void reportSuccess(TokenLease lease) {
        outcomes.add(new Outcome(lease.token().token(), null));
    }

    @Override
    public void reportFailure(TokenLease lease, Grok2ApiException error) {
        outcomes.add(new Outcome(lease.token().token(), error));
    }

    /** Every outcome reported so far, in order. */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }
}
