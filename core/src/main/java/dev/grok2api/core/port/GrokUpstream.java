package dev.grok2api.core.port;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetDownload;
import dev.grok2api.core.upstream.AssetPage;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.upstream.ImagineListener;
import dev.grok2api.core.upstream.ImagineRequest;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.core.upstream.UploadedFile;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Grok itself: every call the gateway makes to grok.com and its asset and account hosts. Implemented by the
 * grok-client adapter (and by fakes in tests).
 *
 * <p>Calls block the calling thread (the server runs on virtual threads) and are thread-safe. Failures are reported
 * as {@link dev.grok2api.core.error.UpstreamException} subtypes (or {@link
 * dev.grok2api.core.error.ContentModeratedException}) that tell the caller whether another account may succeed.
 * Calls that take a {@link Cancellation} stop promptly (well within a second) once it is cancelled, release their
 * connection and throw {@link java.util.concurrent.CancellationException}.
 */
public interface GrokUpstream {

    /**
     * Starts a new conversation ({@code POST /rest/app-chat/conversations/new}) and streams the answer into {@code
     * sink} until Grok closes it. The stream is bounded by {@code grok.first_byte_timeout} (until the first line),
     * {@code grok.idle_timeout} (between lines) and {@code grok.total_timeout}.
     *
     * @param request what to ask
     * @param credential the account to ask as
     * @param cancellation aborts the call when cancelled
     * @param sink receives the events in order; if it throws, the call is cancelled and the exception propagates
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call or the stream fails ({@link
     *     dev.grok2api.core.error.UpstreamTimeoutException} naming the timeout that expired)
     * @throws java.util.concurrent.CancellationException when {@code cancellation} was cancelled
     */
    void chat(ConversationRequest request, SsoCredential credential, Cancellation cancellation, GrokEventSink sink);

    /** {@link #chat(ConversationRequest, SsoCredential, Cancellation, GrokEventSink)} that cannot be cancelled. */
    default void chat(ConversationRequest request, SsoCredential credential, GrokEventSink sink) {
        chat(request, credential, Cancellation.create(), sink);
    }

    /**
     * Uploads an attachment ({@code POST /rest/app-chat/upload-file}); the result's id goes into a later chat's
     * {@code fileAttachments}. Not retried.
     *
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the upload or answers without an id
     */
    UploadedFile upload(FileUpload file, SsoCredential credential);

    /**
     * Creates a media post, the parent of a video generation ({@code POST /rest/media/post/create}).
     *
     * @return the post id, never blank
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call or answers without an id
     */
    String createMediaPost(MediaPostRequest request, SsoCredential credential);

    /**
     * Runs one round of websocket image generation ({@code /ws/imagine/listen}, derived from {@code grok.base_url})
     * and reports progress and completed images to {@code listener} until {@link ImagineRequest#images()} images
     * completed or Grok closed the socket. Bounded by {@code grok.timeout}.
     *
     * @throws dev.grok2api.core.error.UpstreamException when the handshake is refused (classified like HTTP errors),
     *     Grok sends an error frame ({@link dev.grok2api.core.error.UpstreamRateLimitedException} for rate limits),
     *     or no image completed
     * @throws java.util.concurrent.CancellationException when {@code cancellation} was cancelled
     */
    void imagine(ImagineRequest request, SsoCredential credential, Cancellation cancellation, ImagineListener listener);

    /**
     * Streams a generated asset ({@code GET <grok.assets_url>/<path>}, through {@code grok.asset_proxy_url}) into
     * {@code target}, following redirects. The caller owns and closes {@code target}.
     *
     * @param assetPath a path relative to the assets host, or an absolute asset URL
     * @throws dev.grok2api.core.error.UpstreamException when Grok answers anything but 200 or the transfer breaks
     */
    AssetDownload downloadAsset(String assetPath, SsoCredential credential, OutputStream target);

    /**
     * Lists one page of the account's online assets ({@code GET /rest/assets}).
     *
     * @param pageToken the previous page's {@link AssetPage#nextPageToken()}, or null for the first page
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call
     */
    AssetPage listAssets(SsoCredential credential, String pageToken);

    /**
     * Deletes one online asset ({@code DELETE /rest/assets-metadata/<id>}).
     *
     * @throws dev.grok2api.core.error.UpstreamException when Grok refuses the call (404 included)
     */
    void deleteAsset(String assetId, SsoCredential credential);

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
