package dev.grok2api.core.port;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import java.util.Optional;

/**
 * Chooses the Grok account for each upstream call and learns from the outcome. Implemented by the token-pool module;
 * the chat, image and video services depend only on this interface.
 *
 * <p>Implementations are thread-safe and must not block on I/O in {@link #acquire} longer than a store read.
 */
public interface TokenSelector {

    /**
     * Picks the best usable account for the request: right pool for the model, not excluded, not invalid, disabled
     * or cooling, with quota left in the model's bucket.
     *
     * @return a lease on the account, or empty when none can serve the model right now
     */
    Optional<TokenLease> acquire(TokenRequest request);

    /**
     * The call made with the lease succeeded. Implementations update quota (syncing with Grok where configured) and
     * counters; they may do so asynchronously. Never throws.
     */
    void reportSuccess(TokenLease lease);

    /**
     * The call made with the lease failed. Implementations apply the cooldown and failure policy for the error (e.g.
     * count a 401, cool down on a 429, leave the account alone on a Cloudflare challenge). Never throws.
     */
    void reportFailure(TokenLease lease, Grok2ApiException error);
}
