package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.ApiKeyService;
import dev.grok2api.server.javalin.http.Bearer;
import dev.grok2api.server.javalin.http.ClientAddresses;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin sign-in under {@code /api/v1/admin}, and the session check that guards every other admin route (client API
 * keys are refused there, with a message saying so). The login response keeps the reference's shape: the session
 * token travels in the {@code api_key} field.
 *
 * <ul>
 *   <li>{@code POST /login} {@code {"username","password"}} → {@code {"status":"success","api_key":<session>}};
 *       throttled per client address (429 {@code login_throttled} with {@code Retry-After})
 *   <li>{@code POST /logout} ends the caller's session
 *   <li>{@code GET /session} → the caller's session ({@code username}, {@code expires_at} in ms)
 *   <li>{@code POST /password} {@code {"current_password","new_password"}} stores a salted hash, ends every session
 *       and returns a new one for the caller in {@code api_key}
 *   <li>{@code POST /sessions/revoke} ends every session, the caller's included
 * </ul>
 */
public final class AdminAuthRoutes {
    /** Prefix of every admin API route. */
    public static final String PREFIX = "/api/v1/admin";

    private final AdminAuthService auth;
    private final ApiKeyService clientKeys;
    private final ClientAddresses addresses;

    public AdminAuthRoutes(AdminAuthService auth, ApiKeyService clientKeys, ClientAddresses addresses) {
        this.auth = auth;
        this.clientKeys = clientKeys;
        this.addresses = addresses;
    }

    /** Registers the session check and the routes. */
    public void register(RoutesConfig routes) {
        routes.before(PREFIX + "/*", this::requireSessionUnlessLogin);
        routes.post(PREFIX + "/login", this::login);
        routes.post(PREFIX + "/logout", this::logout);
        routes.get(PREFIX + "/session", this::session);
        routes.post(PREFIX + "/password", this::changePassword);
        routes.post(PREFIX + "/sessions/revoke", this::revokeAll);
    }

    private void requireSessionUnlessLogin(Context ctx) {
        if (ctx.path().equals(PREFIX + "/login") || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        requireSession(ctx);
    }

    /**
     * Refuses the request unless it carries a live admin session; usable as a before-handler on any admin path.
     *
     * @throws AuthenticationException when it does not
     */
    public void requireSession(Context ctx) {
        String bearer = Bearer.token(ctx);
        try {
            auth.authenticate(bearer);
        } catch (AuthenticationException e) {
            if (clientKeys.recognizes(bearer)) {
                throw new AuthenticationException(
                        "client_key_not_accepted",
                        "Client API keys cannot open admin routes: sign in at /login and send the session token.");
            }
            throw e;
        }
    }

    private void login(Context ctx) {
        Map<String, Object> body = ctx.body().isBlank() ? Map.of() : JsonCodec.parseObject(ctx.body());
        String username = body.get("username") instanceof String s ? s : "admin";
        // Legacy clients send the password as a bearer token instead of in the body.
        String password = body.get("password") instanceof String s ? s : Bearer.token(ctx);
        String token = auth.login(username, password, addresses.of(ctx));
        ctx.json(Map.of("status", "success", "api_key", token));
    }

    private void logout(Context ctx) {
        auth.logout(Bearer.token(ctx));
        ctx.json(Map.of("status", "success"));
    }

    private void session(Context ctx) {
        AdminSession session = auth.authenticate(Bearer.token(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("username", session.username());
        body.put("expires_at", session.expiresAt().toEpochMilli());
        ctx.json(body);
    }

    private void changePassword(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        String token = auth.changePassword(
                body.get("current_password") instanceof String s ? s : null,
                body.get("new_password") instanceof String s ? s : null,
                addresses.of(ctx));
        ctx.json(Map.of("status", "success", "api_key", token));
    }

    private void revokeAll(Context ctx) {
        ctx.json(Map.of("status", "success", "revoked", auth.revokeAll()));
    }
}
