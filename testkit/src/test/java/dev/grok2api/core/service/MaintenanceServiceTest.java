package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.fixture.TestClock;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.core.usage.UsageCharge;
import dev.grok2api.testkit.fake.InMemoryLockService;
import dev.grok2api.testkit.fake.InMemoryRequestLogStore;
import dev.grok2api.testkit.fake.InMemorySessionStore;
import dev.grok2api.testkit.fake.InMemoryStatsStore;
import dev.grok2api.testkit.fake.InMemoryUsageStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceServiceTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-03-01T12:00:00Z"));
    private final InMemoryStatsStore stats = new InMemoryStatsStore();
    private final InMemoryRequestLogStore log = new InMemoryRequestLogStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryLockService locks = new InMemoryLockService();
    private final QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(0);
    private final MutableSettings settings = MutableSettings.defaults()
            .set("stats.request_log_retention_days", 7L)
            .set("stats.usage_retention_days", 30L);

    private MaintenanceService instance(String owner) {
        return new MaintenanceService(stats, log, usage, sessions, locks, quotaDay, settings, clock, owner);
    }

    private RequestLogEntry row(Duration ago) {
        return new RequestLogEntry(clock.instant().minus(ago), "ip", "", "grok-3", 200, 1, 1, "", "");
    }

    @Test
    void should_delete_what_is_past_retention_and_keep_the_rest() {
        // given
        Instant now = clock.instant();
        stats.record(
                "grok-3",
                true,
                now.minus(Duration.ofHours(50)),
                quotaDay.dayOf(now).minusDays(40));
        stats.record("grok-3", true, now, quotaDay.dayOf(now));
        log.append(row(Duration.ofDays(8)));
        log.append(row(Duration.ofDays(6)));
        usage.charge("k", quotaDay.dayOf(now).minusDays(31), List.of(new UsageCharge(UsageBucket.CHAT, 1, -1)), now);
        usage.charge("k", quotaDay.dayOf(now).minusDays(29), List.of(new UsageCharge(UsageBucket.CHAT, 1, -1)), now);
        sessions.create(new AdminSession("old", "admin", now.minus(Duration.ofHours(9)), now.minusSeconds(1)));
        sessions.create(new AdminSession("live", "admin", now, now.plus(Duration.ofHours(8))));

        // when
        MaintenanceService.Result result = instance("a").runOnce();

        // then
        assertThat(result).isEqualTo(new MaintenanceService.Result(2, 1, 1, 1));
        assertThat(log.list(RequestLogQuery.newest(10)).total()).isEqualTo(1);
        assertThat(stats.topModels(1).get(0).total()).isEqualTo(2);
        assertThat(sessions.find("live", now)).isPresent();
    }

    @Test
    void should_skip_while_another_instance_holds_the_lock() {
        // given
        locks.tryAcquire(MaintenanceService.LOCK, "b", Duration.ofMinutes(5), clock.instant());
        log.append(row(Duration.ofDays(30)));

        // then
        assertThat(instance("a").runOnce()).isEqualTo(MaintenanceService.Result.SKIPPED);
        assertThat(log.list(RequestLogQuery.newest(10)).total()).isEqualTo(1);
    }
}
