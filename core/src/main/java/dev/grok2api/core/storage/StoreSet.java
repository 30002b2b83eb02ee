package dev.grok2api.core.storage;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import java.util.Objects;

/**
 * Every store port of one backend, as a storage adapter hands them out. All components are non-null and share the
 * backend's thread-safety guarantees.
 */
public record StoreSet(
        TokenStore tokens,
        SessionStore sessions,
        ConfigStore config,
        ApiKeyStore apiKeys,
        UsageStore usage,
        StatsStore stats,
        RequestLogStore requestLogs,
        LockService locks) {
    public StoreSet {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(requestLogs, "requestLogs");
        Objects.requireNonNull(locks, "locks");
    }
}
