package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.storage.ConfigKeys;
import dev.grok2api.core.storage.ConfigValueCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ConfigStore} in memory, faithful to the port's contract (it passes {@code ConfigStoreContract}). Values
 * go through {@link ConfigValueCodec} like the real stores, so unsupported values fail here too and
 * {@link Integer}s read back as {@link Long}s. Thread-safe.
 */
public final class InMemoryConfigStore implements ConfigStore {
    private final Map<String, String> encoded = new LinkedHashMap<>();
    private long version;

    @Override
    public synchronized Map<String, Object> load() {
        Map<String, Object> values = new LinkedHashMap<>();
        encoded.forEach((key, json) -> values.put(key, ConfigValueCodec.decode(json)));
        return values;
    }

    @Override
    public synchronized long merge(Map<String, Object> values) {
        Map<String, String> batch = new LinkedHashMap<>();
        values.forEach((key, value) -> batch.put(ConfigKeys.requireValid(key), ConfigValueCodec.encode(value)));
        encoded.putAll(batch);
        return ++version;
    }

    @Override
    public synchronized long version() {
        return version;
    }
}
