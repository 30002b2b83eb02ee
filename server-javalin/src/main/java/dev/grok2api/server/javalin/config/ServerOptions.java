package dev.grok2api.server.javalin.config;

import dev.grok2api.core.secret.Secrets;
import dev.grok2api.core.usage.QuotaDay;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the server process is set up: bind address, data directory, storage backend, and the environment that
 * configuration overrides are read from. Built from the process environment by {@link #fromEnvironment}, or by tests
 * with {@code with…} methods.
 *
 * @param host bind address ({@code SERVER_HOST}, default {@code 0.0.0.0})
 * @param port bind port ({@code SERVER_PORT}, default 8000; 0 picks a free port)
 * @param dataDir data directory ({@code GROK2API_DATA_DIR}, default {@code ./data})
 * @param storageType {@code local}, {@code sqlite}, {@code pgsql}, {@code mysql} or {@code redis} ({@code
 *     SERVER_STORAGE_TYPE})
 * @param storageUrl backend URL ({@code SERVER_STORAGE_URL}), empty for {@code local}
 * @param env the environment configuration overrides are read from
 * @param settingOverrides {@code section.key} values that win over every other layer (tests, embedding)
 */
public record ServerOptions(
        String host,
        int port,
        Path dataDir,
        String storageType,
        String storageUrl,
        Map<String, String> env,
        Map<String, Object> settingOverrides) {
    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        storageType = storageType == null || storageType.isBlank()
                ? "local"
                : storageType.trim().toLowerCase(Locale.ROOT);
        storageUrl = storageUrl == null ? "" : storageUrl.trim();
        env = Map.copyOf(env);
        settingOverrides = Map.copyOf(settingOverrides);
        if (port < 0 || port > 65535) {
            throw new ConfigException("SERVER_PORT must be 0..65535, got " + port);
        }
    }

    /**
     * Options from a process environment.
     *
     * @throws ConfigException when {@code SERVER_PORT} is not a number
     */
    public static ServerOptions fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("SERVER_PORT", "8000").trim();
        int parsedPort;
        try {
            parsedPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException("SERVER_PORT must be a number, got '" + port + "'");
        }
        return new ServerOptions(
                env.getOrDefault("SERVER_HOST", "0.0.0.0").trim(),
                parsedPort,
                Path.of(env.getOrDefault("GROK2API_DATA_DIR", "data").trim())
                        .toAbsolutePath()
                        .normalize(),
                env.get("SERVER_STORAGE_TYPE"),
                env.get("SERVER_STORAGE_URL"),
                env,
                Map.of());
    }

    /** Options for tests: loopback, a free port, the given data dir, embedded SQLite, no environment. */
    public static ServerOptions forTests(Path dataDir) {
        return new ServerOptions("127.0.0.1", 0, dataDir, "local", "", Map.of(), Map.of());
    }

    /** A copy with one more setting override. */
    public ServerOptions withSetting(String key, Object value) {
        Map<String, Object> overrides = new LinkedHashMap<>(settingOverrides);
        overrides.put(key, value);
        return new ServerOptions(host, port, dataDir, storageType, storageUrl, env, overrides);
    }

    /** A copy with one more environment variable (tests: e.g. {@code GROK2API_LOG_DIR}). */
    public ServerOptions withEnv(String name, String value) {
        Map<String, String> newEnv = new LinkedHashMap<>(env);
        newEnv.put(name, value);
        return new ServerOptions(host, port, dataDir, storageType, storageUrl, newEnv, settingOverrides);
    }

    /** Directory of the application log files ({@code GROK2API_LOG_DIR}, default {@code <data dir>/logs}). */
    public Path logDir() {
        String configured = env.get("GROK2API_LOG_DIR");
        return configured == null || configured.isBlank()
                ? dataDir.resolve("logs")
                : Path.of(configured.trim()).toAbsolutePath().normalize();
    }

    /**
     * The quota day: UTC plus {@code CACHE_RESET_TZ_OFFSET_MINUTES} (default 480, clamped to −720..840).
     *
     * @throws ConfigException when the variable is not a whole number
     */
    public QuotaDay quotaDay() {
        String raw = env.getOrDefault("CACHE_RESET_TZ_OFFSET_MINUTES", "").trim();
        if (raw.isEmpty()) {
            return QuotaDay.ofOffsetMinutes(QuotaDay.DEFAULT_OFFSET_MINUTES);
        }
        try {
            return QuotaDay.ofOffsetMinutes(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "CACHE_RESET_TZ_OFFSET_MINUTES must be a whole number of minutes (e.g. 480), got '" + raw + "'");
        }
    }

    /**
     * The port of the separate, unauthenticated Prometheus listener ({@code GROK2API_METRICS_PORT}), or -1 when
     * metrics are served only on the main port behind an admin session.
     *
     * @throws ConfigException when the variable is not a port number
     */
    public int metricsPort() {
        String raw = env.getOrDefault("GROK2API_METRICS_PORT", "").trim();
        if (raw.isEmpty()) {
            return -1;
        }
        try {
            int metricsPort = Integer.parseInt(raw);
            if (metricsPort >= 0 && metricsPort <= 65535) {
                return metricsPort;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("GROK2API_METRICS_PORT must be a port number 0..65535, got '" + raw + "'");
    }

    /** A copy on another storage backend ({@code SERVER_STORAGE_TYPE} and {@code SERVER_STORAGE_URL}). */
    public ServerOptions withStorage(String type, String url) {
        return new ServerOptions(host, port, dataDir, type, url, env, settingOverrides);
    }

    /** A copy with a different port. */
    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, dataDir, storageType, storageUrl, env, settingOverrides);
    }

    @Override
    public String toString() {
        return "ServerOptions[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", storageType=" + storageType
                + ", storageUrl=" + Secrets.mask(storageUrl) + "]";
    }
}
