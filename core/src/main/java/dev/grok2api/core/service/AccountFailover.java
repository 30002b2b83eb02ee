package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs one upstream call for the media services on an account of the pool: reports every attempt's outcome to the
 * {@link TokenSelector}, and after a failure another account might not have (see {@link #worthAnotherAccount}) tries
 * another one, up to {@code grok.max_retry} more times, while the caller says nothing irreversible happened yet.
 * Thread-safe.
 */
final class AccountFailover {
    private final TokenSelector tokens;
    private final SettingsSource settings;

    AccountFailover(TokenSelector tokens, SettingsSource settings) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One attempt of the call as an account. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(TokenLease lease);
    }

    /** An account for the model, acquired on the calling thread (which lets request accounting note it). */
    Optional<TokenLease> acquire(ModelSpec model) {
        return tokens.acquire(TokenRequest.forModel(model));
    }

    /**
     * Runs the call.
     *
     * @param first an account acquired beforehand for the first attempt, or empty to acquire one
     * @param committed whether the call already delivered something that forbids another attempt
     * @throws RateLimitException when no account was available for the first attempt
     * @throws Grok2ApiException the last attempt's failure
     * @throws CancellationException when cancelled
     */
    <T> T run(
            ModelSpec model,
            Optional<TokenLease> first,
            Cancellation cancellation,
            BooleanSupplier committed,
            Attempt<T> attempt) {
        GrokSettings grok = settings.current().grok();
        Set<String> tried = new HashSet<>();
        Optional<TokenLease> next = first;
        Grok2ApiException lastFailure = null;
        for (int round = 0; round <= grok.maxRetry(); round++) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            Optional<TokenLease> acquired =
                    next.isPresent() ? next : tokens.acquire(new TokenRequest(model, tried, null));
            next = Optional.empty();
            if (acquired.isEmpty()) {
                throw lastFailure != null ? lastFailure : RateLimitException.noTokenAvailable();
            }
            TokenLease lease = acquired.get();
            tried.add(lease.token().token());
            T result;
            try {
                result = attempt.run(lease);
            } catch (Grok2ApiException error) {
                tokens.reportFailure(lease, error);
                if (committed.getAsBoolean() || !worthAnotherAccount(error, grok)) {
                    throw error;
                }
                lastFailure = error;
                continue;
            } catch (RuntimeException | Error e) {
                // Cancellation, a failing listener or a bug on this side: the account did its job.
                tokens.reportSuccess(lease);
                throw e;
            }
            tokens.reportSuccess(lease);
            return result;
        }
        throw lastFailure;
    }

    /** Whether another account might succeed: a retriable error, with a status {@code grok.retry_status_codes} names. */
    static boolean worthAnotherAccount(Grok2ApiException error, GrokSettings grok) {
        if (!error.retriable()) {
            return false;
        }
        if (error instanceof UpstreamException upstreamError) {
            int status = upstreamError.upstreamStatus();
            return status < 400 || status >= 500 || grok.retryStatusCodes().contains(status);
        }
        return true;
    }
}
