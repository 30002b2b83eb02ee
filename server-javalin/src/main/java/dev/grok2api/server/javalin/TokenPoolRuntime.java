package dev.grok2api.server.javalin;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.service.ConcurrencyLimit;
import dev.grok2api.core.service.JobService;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.server.javalin.admin.JobRoutes;
import dev.grok2api.server.javalin.admin.TokenRefreshRoutes;
import dev.grok2api.server.javalin.admin.TokenRoutes;
import dev.grok2api.server.javalin.storage.Storage;
import dev.grok2api.token.pool.CooldownPolicy;
import dev.grok2api.token.pool.GrokTokenRefresher;
import dev.grok2api.token.pool.IndexedTokenSelector;
import dev.grok2api.token.pool.RefreshScheduler;
import io.javalin.config.RoutesConfig;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token pool at run time: the selection index, the refresher, the refresh scheduler, the job service, and the
 * admin routes over them. Built once by {@link Grok2ApiServer}; closed before the storage so pending quota syncs are
 * written.
 */
final class TokenPoolRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPoolRuntime.class);

    private final IndexedTokenSelector selector;
    private final RefreshScheduler scheduler;
    private final ScheduledExecutorService timer;
    private final ExecutorService background;
    private final TokenRoutes tokenRoutes;
    private final TokenRefreshRoutes refreshRoutes;
    private final JobRoutes jobRoutes;
    private final JobService jobs;

    private TokenPoolRuntime(
            IndexedTokenSelector selector,
            RefreshScheduler scheduler,
            ScheduledExecutorService timer,
            ExecutorService background,
            TokenRoutes tokenRoutes,
            TokenRefreshRoutes refreshRoutes,
            JobRoutes jobRoutes,
            JobService jobs) {
        this.selector = selector;
        this.scheduler = scheduler;
        this.timer = timer;
        this.background = background;
        this.tokenRoutes = tokenRoutes;
        this.refreshRoutes = refreshRoutes;
        this.jobRoutes = jobRoutes;
        this.jobs = jobs;
    }

    static TokenPoolRuntime start(
            Storage storage,
            GrokUpstream upstream,
            SettingsSource settings,
            InstantSource clock,
            RandomGenerator random) {
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "grok2api-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
        ConcurrencyLimit quotaQueries = new ConcurrencyLimit(
                () -> settings.current().intValue("performance.usage_max_concurrent"), "a quota query");
        CooldownPolicy policy = new CooldownPolicy(settings);
        IndexedTokenSelector selector = IndexedTokenSelector.builder(storage.tokens(), upstream, settings)
                .clock(clock)
                .policy(policy)
                .quotaLimit(quotaQueries)
                .build();
        GrokTokenRefresher refresher = new GrokTokenRefresher(
                storage.tokens(), upstream, policy, quotaQueries, clock, random, selector::updated);
        JobService jobs = new JobService(background, clock, random);
        TokenRefreshJobs refreshJobs = new TokenRefreshJobs(jobs, refresher, settings);
        TokenAdminService admin = new TokenAdminService(storage.tokens(), refreshJobs, selector, clock);
        byte[] id = new byte[6];
        random.nextBytes(id);
        RefreshScheduler scheduler = new RefreshScheduler(
                storage.tokens(),
                refreshJobs,
                storage.locks(),
                settings,
                clock,
                "instance-" + HexFormat.of().formatHex(id));
        scheduler.start(timer);
        LOG.info("Token pool: {} accounts indexed", selector.indexedAccounts());
        return new TokenPoolRuntime(
                selector,
                scheduler,
                timer,
                background,
                new TokenRoutes(admin, refreshJobs, clock),
                new TokenRefreshRoutes(admin, refreshJobs, clock),
                new JobRoutes(jobs),
                jobs);
    }

    /** Picks accounts for the chat services. */
    TokenSelector selector() {
        return selector;
    }

    /** Runs the admin's background jobs (shared by every feature, so {@code /api/v1/admin/jobs} lists them all). */
    JobService jobs() {
        return jobs;
    }

    /** Registers the token and job admin routes. */
    void register(RoutesConfig routes) {
        tokenRoutes.register(routes);
        refreshRoutes.register(routes);
        jobRoutes.register(routes);
    }

    /** Stops the scheduler and background jobs, after writing pending quota syncs. */
    @Override
    public void close() {
        scheduler.close();
        timer.shutdownNow();
        selector.close();
        background.shutdownNow();
    }
}
