package dev.grok2api.testkit.fake;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.storage.TokenTransitions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        keys.put(key.id(), millis(key));
        return true;
    }

    static ApiKey millis(ApiKey k) {
        return new ApiKey(
                k.id(),
                k.keyHash(),
                k.mask(),
                k.name(),
                k.enabled(),
                TokenTransitions.millis(k.createdAt()),
                TokenTransitions.millis(k.expiresAt()),
                k.limits(),
                k.allowedModels(),
                k.requestsPerMinute(),
                k.maxConcurrency());
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
        ApiKey updated = millis(edit.applyTo(current));
        keys.put(id, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean delete(String id) {
        return keys.remove(id) != null;
    }

    @Override
    public synchronized ApiKeyPage list(ApiKeyQuery query) {
        String needle = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        List<ApiKey> matches = keys.values().stream()
                .filter(k -> query.enabled() == null || k.enabled() == query.enabled())
                .filter(k -> needle == null
                        || k.name().toLowerCase(Locale.ROOT).contains(needle)
                        || k.mask().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(ApiKey::createdAt).reversed().thenComparing(ApiKey::id))
                .toList();
        int from = Math.min(query.offset(), matches.size());
        int to = (int) Math.min((long) from + query.limit(), matches.size());
        return new ApiKeyPage(matches.subList(from, to), matches.size());
    }
}
