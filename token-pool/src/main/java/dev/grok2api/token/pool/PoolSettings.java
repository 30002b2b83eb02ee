package dev.grok2api.token.pool;

import dev.grok2api.core.config.Settings;
import java.time.Duration;

/**
 * The {@code token.*} and {@code performance.*} settings the pool reads, clamped to usable values. Keys missing from
 * a snapshot (an embedder's partial configuration) take the documented defaults.
 *
 * @param stickySessions keep a conversation on the account that served it while that account is usable
 * @param failThreshold counted failures that invalidate an account, {@code >= 1}
 * @param reloadInterval longest age of the selection index before a full reload; zero disables the periodic reload
 * @param quotaConcurrency concurrent quota queries to Grok, {@code >= 1}
 * @param autoRefresh whether the refresh scheduler runs
 * @param refreshInterval period of the refresh scheduler, at least one minute
 */
record PoolSettings(
        boolean stickySessions,
        int failThreshold,
        Duration reloadInterval,
        int quotaConcurrency,
        boolean autoRefresh,
        Duration refreshInterval) {

    static PoolSettings from(Settings s) {
        double hours = s.has("token.refresh_interval_hours") ? s.doubleValue("token.refresh_interval_hours") : 8;
        return new PoolSettings(
                !s.has("token.sticky_sessions") || s.bool("token.sticky_sessions"),
                Math.max(1, s.has("token.fail_threshold") ? s.intValue("token.fail_threshold") : 5),
                Duration.ofSeconds(Math.max(
                        0, s.has("token.reload_interval_sec") ? s.longValue("token.reload_interval_sec") : 30)),
                Math.max(
                        1,
                        s.has("performance.usage_max_concurrent")
                                ? s.intValue("performance.usage_max_concurrent")
                                : 25),
                !s.has("token.auto_refresh") || s.bool("token.auto_refresh"),
                Duration.ofMinutes(Math.max(1, Math.round(hours * 60))));
    }
}
