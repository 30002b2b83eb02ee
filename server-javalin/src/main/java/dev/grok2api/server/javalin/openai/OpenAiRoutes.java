package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.accounting.RequestAccounting;
import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.ChatCompletion;
import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.ModelNotFoundException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.service.ChatService;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.http.SseChannel;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** The OpenAI-compatible routes: models and chat completions. */
public final class OpenAiRoutes {
    private final ModelCatalog catalog;
    private final ChatService chat;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final HttpAccounting accounting;

    public OpenAiRoutes(
            ModelCatalog catalog,
            ChatService chat,
            SettingsSource settings,
            InstantSource clock,
            HttpAccounting accounting) {
        this.catalog = catalog;
        this.chat = chat;
        this.settings = settings;
        this.clock = clock;
        this.accounting = accounting;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/models", this::listModels);
        routes.get("/v1/models/{id}", this::getModel);
        routes.post("/v1/chat/completions", this::chatCompletions);
    }

    private void listModels(Context ctx) {
        long created = clock.instant().getEpochSecond();
        List<Object> data = new ArrayList<>();
        for (ModelSpec model : catalog.all()) {
            data.add(model(model, created));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        ctx.contentType("application/json").result(JsonCodec.write(body));
    }

    private void getModel(Context ctx) {
        String id = ctx.pathParam("id");
        ModelSpec model = catalog.find(id).orElseThrow(() -> ModelNotFoundException.byId(id));
        ctx.contentType("application/json")
                .result(JsonCodec.write(model(model, clock.instant().getEpochSecond())));
    }

    private static Map<String, Object> model(ModelSpec model, long created) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model.id());
        entry.put("object", "model");
        entry.put("created", created);
        entry.put("owned_by", "grok2api");
        entry.put("display_name", model.displayName());
        entry.put("description", model.description());
        return entry;
    }

    private void chatCompletions(Context ctx) {
        ChatCompletionRequestReader.Parsed parsed = ChatCompletionRequestReader.read(ctx.body());
        accounting.chat(ctx, parsed.request().model(), request -> serveChat(ctx, parsed, request));
    }

    private void serveChat(Context ctx, ChatCompletionRequestReader.Parsed parsed, RequestAccounting request) {
        GrokSettings grok = settings.current().grok();
        boolean stream = parsed.stream() != null ? parsed.stream() : grok.stream();
        Cancellation cancellation = Cancellation.create();
        try (ClientDisconnects.Watch ignored = ClientDisconnects.watch(ctx, cancellation)) {
            if (!stream) {
                ChatCompletion completion = chat.complete(parsed.request(), cancellation);
                request.answered();
                ctx.contentType("application/json").result(ChatCompletionWriter.completion(completion));
                return;
            }
            try (SseChatListener listener =
                    new SseChatListener(ctx, parsed.request().includeUsage(), grok.heartbeat(), cancellation)) {
                try {
                    chat.stream(parsed.request(), request.watch(listener), cancellation);
                } catch (Grok2ApiException e) {
                    // After a heartbeat committed the response the failure goes in-band; either way the accounting
                    // sees it (a refund when no answer reached the client), and a committed response is not
                    // rendered twice.
                    listener.failInBand(e);
                    throw e;
                }
            }
        } catch (SseChannel.ClientGoneException | CancellationException e) {
            // Nothing left to answer: the client went away and the upstream call was cancelled.
        }
    }
}
