package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.accounting.AccountingService;
import dev.grok2api.core.accounting.KeyLimiter;
import dev.grok2api.core.accounting.RequestAccounting;
import dev.grok2api.core.accounting.RequestRecorder;
import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.core.usage.UsagePlan;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily quotas charged concurrently through {@link AccountingService} on the embedded SQLite store: a hundred
 * requests racing for a limit of ten, as the gateway's request threads would. (The store contract runs the same race
 * on PostgreSQL and MySQL at the store level.)
 */
class QuotaChargingIT {
    @TempDir
    Path dataDir;

    private static int raceForTen(JdbcStorage storage) throws Exception {
        QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(480);
        SettingsSource settings = SettingsSource.fixed(Settings.of(Map.of("stats.request_log_enabled", false)));
        AccountingService accounting = new AccountingService(
                storage.stores().usage(),
                new KeyLimiter(),
                quotaDay,
                new RequestRecorder(
                        storage.stores().stats(),
                        storage.stores().requestLogs(),
                        new GatewayMetrics(),
                        quotaDay,
                        settings,
                        Runnable::run),
                InstantSource.system());
        ClientIdentity who = ClientIdentity.managed(ApiKey.create(
                "k_" + UUID.randomUUID(),
                "sk-" + UUID.randomUUID(),
                "racer",
                new DailyLimits(10, -1, -1, -1),
                InstantSource.system().instant()));
        ModelSpec model = ModelCatalog.standard().find("grok-3").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        accounting.run(who, "192.0.2.1", model, UsagePlan.chat(model), RequestAccounting::answered);
                        return true;
                    } catch (RateLimitException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                succeeded += result.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(storage.stores()
                            .usage()
                            .usage(
                                    who.key().id(),
                                    quotaDay.dayOf(InstantSource.system().instant()))
                            .chat())
                    .isEqualTo(10);
            return succeeded;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_let_exactly_ten_of_a_hundred_racing_requests_through_on_sqlite() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.sqlite(dataDir))) {
            assertThat(raceForTen(storage)).isEqualTo(10);
        }
    }
}
