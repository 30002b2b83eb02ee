package dev.grok2api.server.javalin.images;

import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.image.AspectRatio;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.ApiKeyService;
import dev.grok2api.core.service.ContinuousImagine;
import dev.grok2api.core.usage.UsagePlan;
import dev.grok2api.server.javalin.admin.AdminAuthRoutes;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The admin playground's continuous generation: {@code GET /api/v1/admin/imagine/ws?api_key=<key>}, in the
 * reference's protocol.
 *
 * <p>Client messages: {@code {"type":"start","prompt","aspect_ratio"}} (a running run is stopped first, and reports
 * its own {@code stopped}), {@code {"type":"stop"}}, {@code {"type":"ping"}} → {@code {"type":"pong"}}. Server
 * messages: {@code status} ({@code running} with the prompt, ratio and a 32-hex {@code run_id}; {@code stopped} with
 * the same {@code run_id}), {@code image} ({@code b64_json, sequence, created_at, elapsed_ms, aspect_ratio, run_id}),
 * and {@code error} ({@code message, code}: {@code empty_prompt}, {@code invalid_payload}, {@code unknown_command},
 * {@code rate_limit_exceeded}, {@code empty_image}, or Grok's error code).
 *
 * <p>Authentication: {@code api_key} must be an admin session token (what the admin pages send), or — as in the
 * reference, so the public chat page's continuous mode keeps working — a client key accepted on {@code /v1}: the
 * global key, an enabled managed key, or nothing while the API is open. Anything else closes the socket with 1008.
 * Batches of a managed key are charged to its daily image quota; every batch is recorded in the statistics and the
 * request log.
 */
public final class ImagineSocket {
    /** The socket's path. */
    public static final String PATH = AdminAuthRoutes.PREFIX + "/imagine/ws";

    private static final int POLICY_VIOLATION = 1008;
    private static final String IDENTITY = "grok2api.imagine.identity";
    private static final String CLIENT_IP = "grok2api.imagine.clientIp";

    private final ContinuousImagine imagine;
    private final AdminAuthService admin;
    private final ApiKeyService keys;
    private final HttpAccounting accounting;
    private final ModelSpec model;
    private final RandomGenerator random;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param model the model batches are accounted to
     * @param random source of run ids; must be thread-safe
     */
    public ImagineSocket(
            ContinuousImagine imagine,
            AdminAuthService admin,
            ApiKeyService keys,
            HttpAccounting accounting,
            ModelSpec model,
            RandomGenerator random) {
        this.imagine = imagine;
        this.admin = admin;
        this.keys = keys;
        this.accounting = accounting;
        this.model = model;
        this.random = random;
    }

    /** Registers the socket. */
    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::authenticate);
        routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                if (!(ctx.attribute(IDENTITY) instanceof ClientIdentity)) {
                    ctx.closeSession(POLICY_VIOLATION, "invalid api_key");
                    return;
                }
                sessions.put(ctx.sessionId(), new Session(ctx));
            });
            ws.onMessage(this::message);
            ws.onClose(ctx -> stop(ctx.sessionId(), true));
            ws.onError(ctx -> stop(ctx.sessionId(), true));
        });
    }

    /** Checks {@code api_key} on the upgrade request; the verdict closes the socket once open (1008). */
    private void authenticate(Context ctx) {
        String key = ctx.queryParam("api_key");
        ctx.attribute(CLIENT_IP, accounting.clientAddress(ctx));
        if (admin.isSession(key)) {
            ctx.attribute(IDENTITY, ClientIdentity.OPEN);
            return;
        }
        try {
            ctx.attribute(IDENTITY, keys.authenticate(key == null || key.isBlank() ? null : key));
        } catch (AuthenticationException e) {
            ctx.attribute(IDENTITY, null);
        }
    }

    private void message(WsMessageContext ctx) {
        Session session = sessions.get(ctx.sessionId());
        if (session == null) {
            return;
        }
        Map<String, Object> command;
        try {
            command = JsonCodec.parseObject(ctx.message());
        } catch (RuntimeException e) {
            session.send(error("Invalid message format.", "invalid_payload"));
            return;
        }
        switch (command.get("type") instanceof String type ? type : "") {
            case "ping" -> session.send(Map.of("type", "pong"));
            case "stop" -> stop(ctx.sessionId(), false);
            case "start" -> start(session, command);
            default -> session.send(error("Unknown command.", "unknown_command"));
        }
    }

    private void start(Session session, Map<String, Object> command) {
        String prompt = command.get("prompt") instanceof String p ? p.trim() : "";
        if (prompt.isEmpty()) {
            session.send(error("Prompt cannot be empty.", "empty_prompt"));
            return;
        }
        String ratio = AspectRatio.fromSize(command.get("aspect_ratio") instanceof String r ? r : null);
        session.startRun(prompt, ratio);
    }

    private void stop(String sessionId, boolean closed) {
        Session session = closed ? sessions.remove(sessionId) : sessions.get(sessionId);
        if (session != null) {
            session.stopRun(!closed);
        }
    }

    private static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("message", message);
        error.put("code", code);
        return error;
    }

    /** One connection: its caller and its current run. */
    private final class Session {
        private final WsContext ctx;
        private final ClientIdentity identity;
        private final String clientIp;
        private Run run;
        private String lastRunId;

        Session(WsContext ctx) {
            this.ctx = ctx;
            this.identity = ctx.attribute(IDENTITY);
            this.clientIp = ctx.attribute(CLIENT_IP);
        }

        synchronized void send(Map<String, Object> message) {
            if (ctx.session.isOpen()) {
                ctx.send(JsonCodec.write(message));
            }
        }

        synchronized void startRun(String prompt, String ratio) {
            if (run != null) {
                run.cancellation.cancel();
            }
            byte[] id = new byte[16];
            random.nextBytes(id);
            Run next = new Run(HexFormat.of().formatHex(id), prompt, ratio);
            run = next;
            lastRunId = next.id;
            Map<String, Object> running = new LinkedHashMap<>();
            running.put("type", "status");
            running.put("status", "running");
            running.put("prompt", prompt);
            running.put("aspect_ratio", ratio);
            running.put("run_id", next.id);
            send(running);
            Thread.ofVirtual().name("imagine-run").start(() -> runLoop(next));
        }

        /** Stops the current run (which reports {@code stopped}); with nothing running, reports it at once. */
        synchronized void stopRun(boolean reportIdle) {
            if (run != null) {
                run.cancellation.cancel();
                run = null;
            } else if (reportIdle) {
                send(stopped(lastRunId));
            }
        }

        private void runLoop(Run current) {
            try {
                imagine.run(
                        current.prompt,
                        current.ratio,
                        this::meter,
                        new ContinuousImagine.Listener() {
                            @Override
                            public void image(String b64, int sequence, long createdAtMillis, long elapsedMillis) {
                                Map<String, Object> image = new LinkedHashMap<>();
                                image.put("type", "image");
                                image.put("b64_json", b64);
                                image.put("sequence", sequence);
                                image.put("created_at", createdAtMillis);
                                image.put("elapsed_ms", elapsedMillis);
                                image.put("aspect_ratio", current.ratio);
                                image.put("run_id", current.id);
                                send(image);
                            }

                            @Override
                            public void error(String code, String message) {
                                send(ImagineSocket.error(message, code));
                            }
                        },
                        current.cancellation);
            } catch (RuntimeException e) {
                send(ImagineSocket.error(e.getMessage() == null ? e.toString() : e.getMessage(), "internal_error"));
            } finally {
                send(stopped(current.id));
            }
        }

        private ImageResult meter(int images, Supplier<ImageResult> batch) {
            ImageResult[] result = new ImageResult[1];
            accounting.run(identity, clientIp, model, UsagePlan.images(images), request -> {
                result[0] = batch.get();
                request.answered();
            });
            return result[0];
        }

        private Map<String, Object> stopped(String runId) {
            Map<String, Object> stopped = new LinkedHashMap<>();
            stopped.put("type", "status");
            stopped.put("status", "stopped");
            stopped.put("run_id", runId);
            return stopped;
        }
    }

    /** One run: generation until cancelled. */
    private static final class Run {
        final String id;
        final String prompt;
        final String ratio;
        final Cancellation cancellation = Cancellation.create();

        Run(String id, String prompt, String ratio) {
            this.id = id;
            this.prompt = prompt;
            this.ratio = ratio;
        }
    }
}
