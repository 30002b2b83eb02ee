package dev.grok2api.testkit.fake;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.storage.ListQueries;
import dev.grok2api.core.storage.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApiKeyStore} in memory, faithful to the port's contract (it passes {@code ApiKeyStoreContract}). Keeps
 * millisecond precision like the real stores. Thread-safe: every operation holds the store's monitor.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();

    @Override
    public synchronized boolean create(ApiKey key) {
        if (keys.containsKey(key.id())
                || keys.values().stream().anyMatch(k -> k.keyHash().equals(key.keyHash()))) {
            return false;
        }
        keys.put(key.id(), Precision.millis(key));
        return true;
    }

    @Override
    public synchronized Optional<ApiKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String keyHash) {
        return keys.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> update(String id, ApiKeyEdit edit) {
        ApiKey current = keys.get(id);
        if (current == null) {
            return Optional.empty();
        }
        ApiKey updated = Precision.millis(edit.applyTo(current));
        keys.put(id, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean delete(String id) {
        return keys.remove(id) != null;
    }

    @Override
    public synchronized ApiKeyPage list(ApiKeyQuery query) {
        return ListQueries.page(keys.values(), query);
    }
}
