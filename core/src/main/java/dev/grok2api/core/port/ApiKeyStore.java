package dev.grok2api.core.port;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import java.util.Optional;

/**
 * Managed client API keys, stored by hash (never in clear). Shared by every instance on the same store; every write
 * touches one key and is atomic. Thread-safe. Unknown ids are not an error: reads return {@link Optional#empty()},
 * writes report that nothing changed. Storage failures surface as
 * {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface ApiKeyStore {

    /**
     * Stores a new key.
     *
     * @return true when stored; false when a key with the same id or the same hash exists (nothing is changed)
     */
    boolean create(ApiKey key);

    /** The key with this id, or empty. */
    Optional<ApiKey> find(String id);

    /**
     * The key whose hash is {@code keyHash} (see {@link ApiKey#hashOf}), whether or not it is usable; the auth path
     * checks {@link ApiKey#usableAt}. Indexed: cheap enough to call per request.
     */
    Optional<ApiKey> findByHash(String keyHash);

    /**
     * Applies an operator edit (see {@link ApiKeyEdit#applyTo}).
     *
     * @return the updated key, or empty when the id is unknown
     */
    Optional<ApiKey> update(String id, ApiKeyEdit edit);

    /**
     * Deletes a key. Its usage records stay until pruned.
     *
     * @return whether it existed
     */
    boolean delete(String id);

    /** One page of keys, newest first, plus the total number of matches. */
    ApiKeyPage list(ApiKeyQuery query);
}
