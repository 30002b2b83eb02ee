package dev.grok2api.server.javalin.config;

import dev.grok2api.core.config.ConfigSchema;
import dev.grok2api.core.config.ConfigService;
import dev.grok2api.core.port.ConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the live {@link ConfigService} from the configuration layers: the bundled defaults, the store (into which
 * the reference import puts {@code data/config.toml} on the first start), and {@code GROK2API_<SECTION>_<KEY>} environment overrides (plus the
 * options' setting overrides, which embedding code and tests use). Logs where settings come from, since users find
 * that confusing.
 */
public final class LiveConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    private LiveConfig() {}

    /**
     * Opens the configuration.
     *
     * @throws ConfigException when a file or environment value breaks the schema (the message names it)
     */
    public static ConfigService open(ServerOptions options, ConfigStore store) {
        Map<String, Object> defaults = ConfigLoader.defaults();
        ConfigSchema schema = ConfigSchema.of(defaults);
        Map<String, ConfigService.Override> overrides = new LinkedHashMap<>();
        ConfigLoader.environmentOverrides(options.env(), defaults)
                .forEach((key, value) ->
                        overrides.put(key, new ConfigService.Override(value, ConfigLoader.environmentName(key))));
        options.settingOverrides()
                .forEach((key, value) -> overrides.put(key, new ConfigService.Override(value, "the embedding code")));
        ConfigService config;
        try {
            config = ConfigService.open(schema, store, overrides, new Listener());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Path file = options.dataDir().resolve("config.toml");
        if (Files.isRegularFile(file)) {
            LOG.info(
                    "{} is only imported on the first start; the stored configuration wins: change settings in the"
                            + " admin panel (or with GROK2API_* variables)",
                    file);
        }
        if (!overrides.isEmpty()) {
            LOG.info("Settings fixed by the environment (read-only in the admin panel): {}", overrides.keySet());
        }
        return config;
    }

    private static final class Listener implements ConfigService.Listener {
        @Override
        public void changed(long version, Set<String> keys, boolean byThisInstance) {
            LOG.info(
                    "Configuration changed {} (version {}): {}",
                    byThisInstance ? "through this instance" : "by another instance",
                    version,
                    keys);
        }

        @Override
        public void ignored(String key, String reason) {
            LOG.warn("Ignoring the stored value of {} (the default applies): {}", key, reason);
        }
    }
}
