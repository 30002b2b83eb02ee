package dev.grok2api.server.javalin.images;

import dev.grok2api.core.accounting.RequestAccounting;
import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.config.MediaSettings;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.service.ImageService;
import dev.grok2api.core.usage.UsagePlan;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.http.SseChannel;
import dev.grok2api.server.javalin.openai.ClientDisconnects;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The OpenAI image routes: {@code POST /v1/images/generations}, {@code POST /v1/images/edits} and the reference's
 * {@code GET /v1/images/method}. A request is charged {@code n} images against the key's daily image quota (refunded
 * when nothing reached the client).
 *
 * <p>Non-streaming: {@code {"created","data":[{"<format>":…}],"usage":{…}}}. When fewer images than {@code n} could
 * be delivered, {@code data} is shorter and the response says so: header {@value #MISSING_HEADER} and a field {@code
 * incomplete: {requested, delivered, reasons}} — or, with {@code app.image_pad_missing}, {@code data} is padded with
 * {@code "error"} entries as the reference does. None at all is an error status (400 {@code
 * content_policy_violation} when Grok moderated them, 429 without an account, 502 otherwise). Streaming: see {@link
 * ImageEventStream}.
 */
public final class ImageRoutes {
    /** The header that counts the images missing from a response. */
    public static final String MISSING_HEADER = "X-Grok2API-Images-Missing";

    private static final Map<String, Object> ZERO_USAGE = Map.of(
            "total_tokens", 0,
            "input_tokens", 0,
            "output_tokens", 0,
            "input_tokens_details", Map.of("text_tokens", 0, "image_tokens", 0));

    private final ModelCatalog catalog;
    private final ImageService images;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final HttpAccounting accounting;

    public ImageRoutes(
            ModelCatalog catalog,
            ImageService images,
            SettingsSource settings,
            InstantSource clock,
            HttpAccounting accounting) {
        this.catalog = catalog;
        this.images = images;
        this.settings = settings;
        this.clock = clock;
        this.accounting = accounting;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post(
                "/v1/images/generations",
                ctx -> serve(
                        ctx,
                        ImageRequestReader.generation(ctx.body(), settings.current()),
                        ImageService.GENERATION_MODEL));
        routes.post(
                "/v1/images/edits",
                ctx -> serve(ctx, ImageRequestReader.edit(ctx, settings.current()), ImageService.EDIT_MODEL));
        routes.get(
                "/v1/images/method",
                ctx -> ctx.json(
                        Map.of("image_generation_method", images.method().wireName())));
    }

    private void serve(Context ctx, ImageRequestReader.Parsed parsed, String model) {
        accounting.run(
                ctx,
                catalog.requireForRequest(model),
                UsagePlan.images(parsed.request().count()),
                request -> generate(ctx, parsed, request));
    }

    private void generate(Context ctx, ImageRequestReader.Parsed parsed, RequestAccounting request) {
        Settings current = settings.current();
        boolean pad = MediaSettings.of(current).padMissingImages();
        Cancellation cancellation = Cancellation.create();
        try (ClientDisconnects.Watch ignored = ClientDisconnects.watch(ctx, cancellation)) {
            if (!parsed.stream()) {
                ImageResult result = images.generate(parsed.request(), cancellation);
                request.answered();
                request.undelivered(UsageBucket.IMAGE, result.missing());
                respond(ctx, parsed, result, pad);
                return;
            }
            try (ImageEventStream events = new ImageEventStream(
                    ctx, parsed.request().format(), current.grok().heartbeat(), cancellation, request::answered)) {
                ImageResult result;
                try {
                    result = images.stream(parsed.request(), events, cancellation);
                } catch (Grok2ApiException e) {
                    // Committed already: the error goes in-band; either way the accounting sees the failure.
                    events.failInBand(e);
                    throw e;
                }
                request.undelivered(UsageBucket.IMAGE, result.missing());
                events.finish(result, pad);
            }
        } catch (SseChannel.ClientGoneException | CancellationException e) {
            // The client went away; the generation was cancelled.
        }
    }

    private void respond(Context ctx, ImageRequestReader.Parsed parsed, ImageResult result, boolean pad) {
        String field = parsed.request().format().wireName();
        List<Object> data = new ArrayList<>();
        int next = 0;
        for (GeneratedImage image : result.images()) {
            for (; pad && next < image.index(); next++) {
                data.add(Map.of(field, "error"));
            }
            data.add(Map.of(field, image.value()));
            next = image.index() + 1;
        }
        for (; pad && next < result.requested(); next++) {
            data.add(Map.of(field, "error"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", clock.instant().getEpochSecond());
        body.put("data", data);
        body.put("usage", ZERO_USAGE);
        if (result.missing() > 0) {
            ctx.header(MISSING_HEADER, Integer.toString(result.missing()));
            Map<String, Object> incomplete = new LinkedHashMap<>();
            incomplete.put("requested", result.requested());
            incomplete.put("delivered", result.images().size());
            incomplete.put("reasons", result.shortfall());
            body.put("incomplete", incomplete);
        }
        ctx.json(body);
    }
}
