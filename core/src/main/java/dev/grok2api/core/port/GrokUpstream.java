package dev.grok2api.core.port;

import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.upstream.RateLimits;
import java.time.LocalDate;

/**
 * Grok itself: every call the gateway makes to grok.com and its asset and account hosts. Implemented by the
 * grok-client adapter (and by fakes in tests).
 *
 * <p>Calls block the calling thread (the server runs on virtual threads) and are thread-safe. Failures are reported
 * as {@link dev.grok2api.core.error.UpstreamException} subtypes (or {@link
 * dev.grok2api.core.error.ContentModeratedException}) that tell the caller whether another account may succeed.
 */
public interface GrokUpstream {

    /**
     * Starts a new conversation and streams the answer into {@code sink} until Grok closes it.
     *
     * @param request what to ask
     * @param credential the account to ask as
     * @param sink receives the events in order; if it throws, the call is cancelled and the exception propagates
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call or the stream fails
     */
    void chat(ConversationRequest request, SsoCredential credential, GrokEventSink sink);

    /**
     * Asks Grok how much quota the account has left for a model ({@code POST /rest/rate-limits}).
     *
     * @param modelName the model's rate-limit name, e.g. {@code grok-3} or {@code grok-4-heavy}
     * @param credential the account
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call
     */
    RateLimits rateLimits(String modelName, SsoCredential credential);

    /**
     * Accepts the current Terms of Service for the account (gRPC-web {@code SetTosAcceptedVersion} on the accounts
     * host).
     *
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call or reports a gRPC error
     */
    void acceptTermsOfService(SsoCredential credential);

    /**
     * Sets the account's birth date (Grok's age gate, {@code POST /rest/auth/set-birth-date}).
     *
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call
     */
    void setBirthDate(SsoCredential credential, LocalDate birthDate);

    /**
     * Turns on {@code always_show_nsfw_content} for the account (gRPC-web {@code UpdateUserFeatureControls}).
     *
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call or reports a gRPC error
     */
    void enableNsfw(SsoCredential credential);
}
