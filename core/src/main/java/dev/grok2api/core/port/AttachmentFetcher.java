package dev.grok2api.core.port;

import java.net.URI;

/**
 * Fetches a file a client referenced by URL in a chat message ({@code image_url}, {@code file}), before it is
 * uploaded to Grok. Implementations guard against server-side request forgery: only {@code http}/{@code https}, and
 * no loopback, link-local, private, shared (CGNAT) or cloud-metadata addresses unless the operator allows them;
 * redirects are re-checked; size and time are capped.
 *
 * <p>Thread-safe; blocks the calling thread.
 */
public interface AttachmentFetcher {

    /**
     * A fetched file.
     *
     * @param fileName the last path segment of the URL (or {@code file}), never null
     * @param mimeType the response content type without parameters, or {@code application/octet-stream}
     * @param content the bytes
     */
    record Fetched(String fileName, String mimeType, byte[] content) {}

    /**
     * Downloads the file.
     *
     * @param url an absolute URL as the client gave it
     * @param imageOnly whether only {@code image/*} content is acceptable
     * @throws dev.grok2api.core.error.InvalidRequestException (HTTP 400) for a disallowed scheme or address, a
     *     non-200 answer, a body over the size cap, a wrong content type, a timeout or an unreachable host — the
     *     message names the URL's host and the cause
     */
    Fetched fetch(URI url, boolean imageOnly);
}
