package dev.grok2api.storage.jdbc;

import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.storage.ConfigKeys;
import dev.grok2api.core.storage.ConfigValueCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link ConfigStore} over the {@code app_config} table (JSON values, see {@link ConfigValueCodec}); the version is
 * the {@code config} change counter, bumped in the same transaction as the values.
 */
final class JdbcConfigStore implements ConfigStore {
    private static final String COUNTER = "config";

    private final Database db;
    private final String upsertSql;

    JdbcConfigStore(Database db) {
        this.db = db;
        this.upsertSql =
                db.dialect().upsert("app_config", List.of("config_key", "config_value"), List.of("config_key"));
    }

    @Override
    public Map<String, Object> load() {
        return db.read(handle -> {
            Map<String, Object> values = new LinkedHashMap<>();
            handle.createQuery("SELECT config_key, config_value FROM app_config ORDER BY config_key")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), ConfigValueCodec.decode(rs.getString(2))))
                    .forEach(e -> values.put(e.getKey(), e.getValue()));
            return values;
        });
    }

    @Override
    public long merge(Map<String, Object> values) {
        // Encode everything first: an invalid entry must fail the whole merge before anything is written.
        Map<String, String> encoded = new LinkedHashMap<>();
        values.forEach((key, value) -> encoded.put(ConfigKeys.requireValid(key), ConfigValueCodec.encode(value)));
        return db.write(handle -> {
            // Lock the version row first, so concurrent merges apply in version order.
            long version = Database.bumpCounter(handle, COUNTER);
            if (!encoded.isEmpty()) {
                PreparedBatch batch = handle.prepareBatch(upsertSql);
                encoded.forEach((key, json) ->
                        batch.bind("config_key", key).bind("config_value", json).add());
                batch.execute();
            }
            return version;
        });
    }

    @Override
    public long version() {
        return db.read(handle -> Database.readCounter(handle, COUNTER));
    }
}
