package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.server.javalin.http.Bearer;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Admin sign-in under {@code /api/v1/admin}, and the session check that guards every other admin route (client API
 * keys are not accepted there). The login response keeps the reference's shape: the session token travels in the
 * {@code api_key} field.
 */
public final class AdminAuthRoutes {
    /** Prefix of every admin API route. */
    public static final String PREFIX = "/api/v1/admin";

    private final AdminAuthService auth;

    public AdminAuthRoutes(AdminAuthService auth) {
        this.auth = auth;
    }

    /** Registers the session check and the routes. */
    public void register(RoutesConfig routes) {
        routes.before(PREFIX + "/*", this::requireSession);
        routes.post(PREFIX + "/login", this::login);
        routes.post(PREFIX + "/logout", this::logout);
    }

    private void requireSession(Context ctx) {
        if (ctx.path().equals(PREFIX + "/login") || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        auth.authenticate(Bearer.token(ctx));
    }

    private void login(Context ctx) {
        Map<String, Object> body = ctx.body().isBlank() ? Map.of() : JsonCodec.parseObject(ctx.body());
        String username = body.get("username") instanceof String s ? s : "admin";
        // Legacy clients send the password as a bearer token instead of in the body.
        String password = body.get("password") instanceof String s ? s : Bearer.token(ctx);
        String token = auth.login(username, password);
        ctx.json(Map.of("status", "success", "api_key", token));
    }

    private void logout(Context ctx) {
        auth.logout(Bearer.token(ctx));
        ctx.json(Map.of("status", "success"));
    }
}
