package dev.grok2api.core.accounting;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenSelector} that tells the {@link RequestAccounting} of the calling thread which Grok account serves it,
 * and counts failed upstream attempts by error code; everything else is the delegate's. The chat and media services
 * acquire accounts on the request's thread, which is what lets the account reach the request log without those
 * services knowing about accounting.
 */
public final class TrackingTokenSelector implements TokenSelector {
    private final TokenSelector delegate;
    private final GatewayMetrics metrics;

    public TrackingTokenSelector(TokenSelector delegate, GatewayMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Optional<TokenLease> acquire(TokenRequest request) {
        Optional<TokenLease> lease = delegate.acquire(request);
        lease.ifPresent(l ->
                RequestAccounting.current().ifPresent(a -> a.tokenUsed(l.token().token())));
        return lease;
    }

    @Override
    public void reportSuccess(TokenLease lease) {
        delegate.reportSuccess(lease);
    }

    @Override
    public void reportFailure(TokenLease lease, Grok2ApiException error) {
        metrics.upstreamFailure(error.code());
        delegate.reportFailure(lease, error);
    }
}
