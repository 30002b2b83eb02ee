package dev.grok2api.server.javalin;

import dev.grok2api.core.accounting.AccountingService;
import dev.grok2api.core.accounting.KeyLimiter;
import dev.grok2api.core.accounting.RequestRecorder;
import dev.grok2api.core.accounting.TrackingTokenSelector;
import dev.grok2api.core.admin.AdminPasswords;
import dev.grok2api.core.admin.LoginThrottle;
import dev.grok2api.core.admin.PasswordHasher;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.config.ConfigService;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.ApiKeyService;
import dev.grok2api.core.service.MaintenanceService;
import dev.grok2api.core.service.StatsService;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.server.javalin.admin.AdminAuthRoutes;
import dev.grok2api.server.javalin.admin.ConfigRoutes;
import dev.grok2api.server.javalin.admin.KeyRoutes;
import dev.grok2api.server.javalin.admin.LogRoutes;
import dev.grok2api.server.javalin.admin.StatsRoutes;
import dev.grok2api.server.javalin.config.ConfigLoader;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.server.javalin.http.ApiKeyGuard;
import dev.grok2api.server.javalin.http.ClientAddresses;
import dev.grok2api.server.javalin.http.HealthRoutes;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.jobs.BackgroundJobs;
import dev.grok2api.server.javalin.jobs.StoreWriter;
import dev.grok2api.server.javalin.metrics.MetricsEndpoint;
import dev.grok2api.server.javalin.storage.Storage;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of the server, composed in one place: client keys and their accounting, admin security, live
 * configuration, statistics, logs, health and metrics, with their background jobs (configuration reload every
 * second, retention every hour) and routes. {@link Grok2ApiServer} builds it once and registers its routes.
 */
final class Operations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    private static final Duration CONFIG_POLL = Duration.ofSeconds(1);
    private static final Duration MAINTENANCE_PERIOD = Duration.ofHours(1);

    private final ConfigService config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final BackgroundJobs jobs;
    private final StoreWriter writer = new StoreWriter();
    private final AdminAuthService adminAuth;
    private final AdminPasswords passwords;
    private final ApiKeyService keys;
    private final HttpAccounting accounting;
    private final ApiKeyGuard apiKeyGuard;
    private final AdminAuthRoutes adminAuthRoutes;
    private final ConfigRoutes configRoutes;
    private final KeyRoutes keyRoutes;
    private final StatsRoutes statsRoutes;
    private final LogRoutes logRoutes;
    private final HealthRoutes healthRoutes;
    private final MetricsEndpoint metricsEndpoint;

    Operations(
            ServerOptions options,
            Storage storage,
            ConfigService config,
            ModelCatalog catalog,
            InstantSource clock,
            RandomGenerator random,
            Supplier<Map<String, Object>> mediaCacheFigures) {
        QuotaDay quotaDay = options.quotaDay();
        this.config = config;
        this.jobs = new BackgroundJobs(clock);
        this.passwords = new AdminPasswords(
                storage.config(),
                config,
                config.overrideSource("app.app_key"),
                new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, random));
        this.adminAuth =
                new AdminAuthService(storage.sessions(), passwords, new LoginThrottle(clock), config, clock, random);
        this.keys = new ApiKeyService(storage.apiKeys(), storage.usage(), catalog, quotaDay, config, clock, random);
        ClientAddresses addresses = new ClientAddresses(config);
        RequestRecorder recorder =
                new RequestRecorder(storage.stats(), storage.requestLogs(), metrics, quotaDay, config, writer);
        this.accounting = new HttpAccounting(
                new AccountingService(storage.usage(), new KeyLimiter(), quotaDay, recorder, clock),
                catalog,
                addresses);
        this.apiKeyGuard = new ApiKeyGuard(keys, adminAuth);
        StatsService stats =
                new StatsService(storage.stats(), storage.requestLogs(), storage.tokens(), quotaDay, clock);
        MaintenanceService maintenance = new MaintenanceService(
                storage.stats(),
                storage.requestLogs(),
                storage.usage(),
                storage.sessions(),
                storage.locks(),
                quotaDay,
                config,
                clock,
                "instance-" + UUID.randomUUID());
        this.adminAuthRoutes = new AdminAuthRoutes(adminAuth, keys, addresses);
        this.configRoutes = new ConfigRoutes(config, options.storageType());
        this.keyRoutes = new KeyRoutes(keys, catalog);
        this.statsRoutes = new StatsRoutes(stats, mediaCacheFigures);
        this.logRoutes = new LogRoutes(options.logDir());
        this.healthRoutes =
                new HealthRoutes(options.storageType(), () -> storage.config().version(), jobs);
        this.metricsEndpoint = new MetricsEndpoint(metrics, stats, config);

        // Redis pushes configuration changes; every backend is also polled, which is cheap (one version read).
        storage.onConfigChange(version -> config.refresh());
        jobs.schedule("config_reload", CONFIG_POLL, CONFIG_POLL, config::refresh);
        jobs.schedule("retention", Duration.ofMinutes(1), MAINTENANCE_PERIOD, () -> {
            MaintenanceService.Result result = maintenance.runOnce();
            LOG.debug("Retention: {}", result);
        });
        int metricsPort = options.metricsPort();
        if (metricsPort >= 0) {
            int port = metricsEndpoint.startSeparate(options.host(), metricsPort);
            LOG.info("Prometheus metrics without authentication on http://{}:{}/metrics", options.host(), port);
        }
    }

    /** The selector the chat and media services should use: it reports the account used to the request log. */
    TokenSelector tracked(TokenSelector selector) {
        return new TrackingTokenSelector(selector, metrics);
    }

    AdminAuthService adminAuth() {
        return adminAuth;
    }

    ApiKeyService keys() {
        return keys;
    }

    HttpAccounting accounting() {
        return accounting;
    }

    /** Registers the {@code /v1} key check; call before the routes it guards. */
    void registerGuards(RoutesConfig routes) {
        routes.before("/v1/*", apiKeyGuard);
    }

    /** Registers the admin session check and every operator route. */
    void register(RoutesConfig routes) {
        healthRoutes.register(routes);
        adminAuthRoutes.register(routes);
        configRoutes.register(routes);
        keyRoutes.register(routes);
        statsRoutes.register(routes);
        logRoutes.register(routes);
        metricsEndpoint.register(routes, adminAuthRoutes::requireSession);
    }

    /** Logs what an operator should know at start (default password, open API). */
    void warnAboutDefaults() {
        LOG.info("Admin password source: {}", passwords.source());
        if (passwords.isDefault()) {
            LOG.warn("The admin password is still the default 'admin': sign in and change it (POST"
                    + " /api/v1/admin/password), or set " + ConfigLoader.environmentName("app.app_key")
                    + " before exposing this server.");
        }
        if (config.current().app().apiKey().isEmpty()
                && keys.list(new ApiKeyQuery(null, true, 0, 1)).total() == 0) {
            LOG.warn("No client API key is configured (app.api_key, or an enabled managed key): /v1 is open to"
                    + " anyone who can reach it.");
        }
    }

    /** Stops the jobs and the metrics listener, then writes what is still queued. */
    @Override
    public void close() {
        try {
            jobs.close();
            metricsEndpoint.close();
        } finally {
            writer.close();
        }
    }
}
