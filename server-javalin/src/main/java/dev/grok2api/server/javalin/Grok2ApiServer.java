package dev.grok2api.server.javalin;

import dev.grok2api.core.config.ConfigService;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.service.AttachmentResolver;
import dev.grok2api.core.service.CachedMediaFetcher;
import dev.grok2api.core.service.ChatService;
import dev.grok2api.core.service.MediaCache;
import dev.grok2api.grok.client.OkHttpAttachmentFetcher;
import dev.grok2api.grok.client.OkHttpGrokUpstream;
import dev.grok2api.server.javalin.config.ConfigLoader;
import dev.grok2api.server.javalin.config.LiveConfig;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.server.javalin.http.Cors;
import dev.grok2api.server.javalin.http.ErrorHandlers;
import dev.grok2api.server.javalin.http.PageRoutes;
import dev.grok2api.server.javalin.http.RequestIds;
import dev.grok2api.server.javalin.http.StaticAssets;
import dev.grok2api.server.javalin.json.MoshiJsonMapper;
import dev.grok2api.server.javalin.media.CacheAdminRoutes;
import dev.grok2api.server.javalin.media.LocalMediaStore;
import dev.grok2api.server.javalin.media.MediaFeatures;
import dev.grok2api.server.javalin.openai.JtokkitTokenCounter;
import dev.grok2api.server.javalin.openai.OpenAiRoutes;
import dev.grok2api.server.javalin.storage.ReferenceImport;
import dev.grok2api.server.javalin.storage.Storage;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only class that knows every module. It reads the configuration layers, opens the
 * storage backend, builds the adapters and services, and serves them with Javalin on virtual threads.
 *
 * <p>Tests start it exactly as {@link Main} does, on port 0, with only the Grok base URL and the data directory
 * changed.
 */
public final class Grok2ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Grok2ApiServer.class);
    /** How long shutdown waits for in-flight requests (streams) to finish. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    /** Connections the OS queues before Jetty accepts them. */
    private static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;
    private final Storage storage;
    private final Operations operations;
    private final TokenPoolRuntime tokenPool;
    private final MediaFeatures media;

    private Grok2ApiServer(
            Javalin app, Storage storage, Operations operations, TokenPoolRuntime tokenPool, MediaFeatures media) {
        this.app = app;
        this.storage = storage;
        this.operations = operations;
        this.tokenPool = tokenPool;
        this.media = media;
    }

    /**
     * Builds everything and starts listening.
     *
     * @throws dev.grok2api.server.javalin.config.ConfigException for configuration mistakes (with the fix)
     */
    public static Grok2ApiServer start(ServerOptions options) {
        InstantSource clock = InstantSource.system();
        RandomGenerator random = new SecureRandom();
        Future<OkHttpClient> httpClient = Preload.start("http", OkHttpClient::new);
        Future<StaticAssets> staticAssets = Preload.start("assets", StaticAssets::load);
        Preload.start("config", ConfigLoader::defaults); // warms the TOML parser LiveConfig uses next

        Storage storage = Storage.open(options);
        Operations operations = null;
        TokenPoolRuntime tokenPool = null;
        try {
            ReferenceImport.runOnFirstStart(storage, options.dataDir(), clock);
            ConfigService liveConfig = LiveConfig.open(options, storage.config());
            SettingsSource settingsSource = liveConfig;
            ModelCatalog catalog = ModelCatalog.standard();
            MediaCache mediaCache =
                    new MediaCache(new LocalMediaStore(options.dataDir().resolve("tmp")), settingsSource, random);
            operations = new Operations(
                    options, storage, liveConfig, catalog, clock, random, CacheAdminRoutes.figures(mediaCache));
            operations.warnAboutDefaults();
            OkHttpClient http = Preload.result(httpClient);
            GrokUpstream upstream = OkHttpGrokUpstream.builder(settingsSource)
                    .client(http)
                    .clock(clock)
                    .build();
            tokenPool = TokenPoolRuntime.start(storage, upstream, settingsSource, clock, random);
            TokenSelector selector = operations.tracked(tokenPool.selector());
            AttachmentResolver attachments = new AttachmentResolver(
                    new CachedMediaFetcher(mediaCache, new OkHttpAttachmentFetcher(settingsSource, http)));
            MediaFeatures media = new MediaFeatures(new MediaFeatures.Dependencies(
                    catalog,
                    selector,
                    upstream,
                    mediaCache,
                    attachments,
                    settingsSource,
                    clock,
                    random,
                    operations.accounting(),
                    tokenPool.jobs(),
                    storage.tokens(),
                    operations.adminAuth(),
                    operations.keys()));
            ChatService chat = new ChatService(
                    catalog,
                    selector,
                    upstream,
                    attachments,
                    media.links(),
                    settingsSource,
                    new JtokkitTokenCounter(),
                    clock,
                    random,
                    media.videos());

            OpenAiRoutes openAi = new OpenAiRoutes(catalog, chat, settingsSource, clock, operations.accounting());
            Operations ops = operations; // the route lambda needs effectively final references
            TokenPoolRuntime pool = tokenPool;
            StaticAssets assets = Preload.result(staticAssets);
            Javalin app = Javalin.create(config -> {
                config.concurrency.useVirtualThreads = true;
                config.startup.showJavalinBanner = false;
                config.jsonMapper(new MoshiJsonMapper());
                config.jetty.modifyServer(server -> server.setStopTimeout(GRACEFUL_STOP.toMillis()));
                config.jetty.modifyServer(Grok2ApiServer::deepenAcceptQueue);
                config.routes.before(RequestIds::assign);
                config.routes.after(RequestIds::clear);
                Cors.register(config.routes);
                ops.registerGuards(config.routes);
                ErrorHandlers.register(config.routes);
                new PageRoutes(assets, settingsSource).register(config.routes);
                openAi.register(config.routes);
                media.register(config.routes);
                ops.register(config.routes);
                pool.register(config.routes);
            });
            app.start(options.host(), options.port());
            LOG.info(
                    "Grok2API listening on http://{}:{} (storage {}, Grok at {})",
                    options.host(),
                    app.port(),
                    storage.description(),
                    liveConfig.current().grok().baseUrl());
            return new Grok2ApiServer(app, storage, operations, tokenPool, media);
        } catch (RuntimeException e) {
            if (tokenPool != null) {
                tokenPool.close();
            }
            if (operations != null) {
                operations.close();
            }
            storage.close();
            throw e;
        }
    }

    /**
     * Jetty binds with the JVM's default accept backlog (50), so a burst of simultaneous streaming clients gets
     * connect timeouts before a single request is handled. The queue is set as the server starts, once the
     * connectors exist and before they bind.
     */
    private static void deepenAcceptQueue(org.eclipse.jetty.server.Server server) {
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
                    if (connector instanceof org.eclipse.jetty.server.ServerConnector serverConnector) {
                        serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                    }
                }
            }
        });
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:<port>} for tests and tools on the same host. */
    public String localUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Stops accepting requests, lets in-flight ones finish (up to 30 s), cancels the video jobs still running (they are
     * refunded), then closes storage.
     */
    @Override
    public void close() {
        try {
            app.stop();
            media.close();
            tokenPool.close();
            operations.close();
        } finally {
            storage.close();
        }
    }
}
