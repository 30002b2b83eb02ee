package dev.grok2api.core.storage;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A base for {@link TokenStore}s that implement every single-record update the same way: atomically read the
 * record, apply a {@link TokenTransitions} function, write it back. Subclasses provide only that atomic step.
 */
public abstract class TransitionTokenStore implements TokenStore {

    /**
     * Atomically replaces the record with {@code transition} applied to it. A transition that returns the record
     * unchanged (a superseded sync) should write nothing, so other instances see no change to follow.
     *
     * @return the updated record, or empty when the token is unknown
     */
    protected abstract Optional<GrokToken> update(String token, UnaryOperator<GrokToken> transition);

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
        if (threshold < 1) {
            // checked before any I/O, so an unknown token and a bad threshold fail alike
            throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        }
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
}
