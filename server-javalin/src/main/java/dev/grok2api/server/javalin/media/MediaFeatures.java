package dev.grok2api.server.javalin.media;

import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.ApiKeyService;
import dev.grok2api.core.service.AttachmentResolver;
import dev.grok2api.core.service.ContinuousImagine;
import dev.grok2api.core.service.ImageService;
import dev.grok2api.core.service.JobService;
import dev.grok2api.core.service.MediaCache;
import dev.grok2api.core.service.MediaLinks;
import dev.grok2api.core.service.OnlineAssetJobs;
import dev.grok2api.core.service.VideoJobs;
import dev.grok2api.core.service.VideoService;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.images.ImageRoutes;
import dev.grok2api.server.javalin.images.ImagineSocket;
import dev.grok2api.server.javalin.video.VideoRoutes;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images, videos and the media cache, composed in one place: the image, video, online-asset and continuous-imagine
 * services over the shared media cache, and their routes (image API, video jobs, media files and uploads, the admin
 * cache page, the imagine websocket). {@link dev.grok2api.server.javalin.Grok2ApiServer} builds it once, and closes it
 * after the HTTP server stopped and before the accounting does.
 */
public final class MediaFeatures implements AutoCloseable {
    /** How long shutdown waits for cancelled video jobs to end (and be refunded). */
    private static final Duration JOB_STOP = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(MediaFeatures.class);

    private final MediaLinks links;
    private final VideoService videos;
    private final ImageRoutes imageRoutes;
    private final VideoRoutes videoRoutes;
    private final MediaRoutes mediaRoutes;
    private final CacheAdminRoutes cacheRoutes;
    private final ImagineSocket imagineSocket;
    private final VideoJobs videoJobs;

    /** The collaborators the media features need from the rest of the server. */
    public record Dependencies(
            ModelCatalog catalog,
            TokenSelector selector,
            GrokUpstream upstream,
            MediaCache cache,
            AttachmentResolver attachments,
            SettingsSource settings,
            InstantSource clock,
            RandomGenerator random,
            HttpAccounting accounting,
            JobService jobs,
            TokenStore tokens,
            AdminAuthService admin,
            ApiKeyService keys) {}

    public MediaFeatures(Dependencies d) {
        this.links = new MediaLinks(d.cache(), d.upstream(), d.settings());
        this.videos = new VideoService(d.catalog(), d.selector(), d.upstream(), links, d.settings());
        ImageService images =
                new ImageService(d.catalog(), d.selector(), d.upstream(), links, d.settings(), d.random());
        this.videoJobs = new VideoJobs(videos, Executors.newVirtualThreadPerTaskExecutor(), d.clock(), d.random());
        this.imageRoutes = new ImageRoutes(d.catalog(), images, d.settings(), d.clock(), d.accounting());
        this.videoRoutes = new VideoRoutes(d.catalog(), videoJobs, d.attachments(), links, d.accounting());
        this.mediaRoutes = new MediaRoutes(d.cache());
        this.cacheRoutes = new CacheAdminRoutes(
                d.cache(),
                new OnlineAssetJobs(d.jobs(), d.tokens(), d.upstream(), d.settings(), d.clock()),
                d.tokens(),
                d.clock());
        this.imagineSocket = new ImagineSocket(
                new ContinuousImagine(images, d.clock()),
                d.admin(),
                d.keys(),
                d.accounting(),
                d.catalog().requireForRequest(ImageService.GENERATION_MODEL),
                d.random());
    }

    /** Links generated media for the chat service. */
    public MediaLinks links() {
        return links;
    }

    /** Generates videos; the chat service shares it, and with it the concurrency cap. */
    public VideoService videos() {
        return videos;
    }

    /** Registers every media route. */
    public void register(RoutesConfig routes) {
        imageRoutes.register(routes);
        videoRoutes.register(routes);
        mediaRoutes.register(routes);
        cacheRoutes.register(routes);
        imagineSocket.register(routes);
    }

    /** Cancels the video jobs still running; each ends failed, so its charge is refunded and its request recorded. */
    @Override
    public void close() {
        try {
            if (!videoJobs.close(JOB_STOP)) {
                LOG.warn(
                        "Some video jobs did not end within {} s of shutdown; they are neither recorded nor refunded.",
                        JOB_STOP.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
