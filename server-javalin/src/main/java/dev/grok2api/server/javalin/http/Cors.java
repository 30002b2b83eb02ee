package dev.grok2api.server.javalin.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * CORS for the client API ({@code /v1}) as the reference allows it: any origin, method and header, so browser-based
 * clients work. Admin routes get no CORS headers: only same-origin pages may call them.
 */
public final class Cors {
    private Cors() {}

    /** Registers the headers and the preflight answer on {@code /v1/*}. */
    public static void register(RoutesConfig routes) {
        routes.before("/v1/*", Cors::headers);
        routes.options("/v1/*", ctx -> ctx.status(204));
    }

    private static void headers(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", requested == null ? "Authorization, Content-Type" : requested);
        ctx.header("Access-Control-Max-Age", "86400");
    }
}
