package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.server.javalin.http.Bearer;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API under {@code /api/v1/admin}: sign-in and the account pool. Every route except login requires a live
 * admin session (client API keys are not accepted). Paths and response shapes follow the reference so its UI and
 * monitors keep working.
 */
public final class AdminRoutes {
    private static final String PREFIX = "/api/v1/admin";

    private final AdminAuthService auth;
    private final TokenAdminService tokens;
    private final InstantSource clock;

    public AdminRoutes(AdminAuthService auth, TokenAdminService tokens, InstantSource clock) {
        this.auth = auth;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Registers the session check and the routes. */
    public void register(RoutesConfig routes) {
        routes.before(PREFIX + "/*", this::requireSession);
        routes.post(PREFIX + "/login", this::login);
        routes.post(PREFIX + "/logout", this::logout);
        routes.get(PREFIX + "/tokens", this::listTokens);
        routes.post(PREFIX + "/tokens/add", this::addTokens);
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

    private void listTokens(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        Instant now = clock.instant();
        tokens.listByPool().forEach((pool, list) -> {
            List<Object> views = new ArrayList<>(list.size());
            for (GrokToken token : list) {
                views.add(TokenViews.reference(token, now));
            }
            body.put(pool.wireName(), views);
        });
        ctx.json(body);
    }

    private void addTokens(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        Object poolName = body.getOrDefault("pool", TokenPool.BASIC.wireName());
        TokenPool pool = TokenPool.fromWireName(poolName instanceof String s ? s : null)
                .orElseThrow(() -> InvalidRequestException.invalidValue(
                        "pool", "pool must be \"ssoBasic\" or \"ssoSuper\", got '" + poolName + "'"));
        List<String> raw = new ArrayList<>();
        Object list = body.get("tokens");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    throw InvalidRequestException.invalidValue("tokens", "tokens must be an array of strings");
                }
                raw.add(s);
            }
        } else if (body.get("token") instanceof String single) {
            raw.add(single);
        } else {
            throw new InvalidRequestException(
                    "missing", "tokens", "Send {\"pool\":\"ssoBasic\",\"tokens\":[\"<sso cookie>\", …]}");
        }
        TokenAdminService.AddResult result = tokens.add(pool, raw);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "success");
        response.put("pool", pool.wireName());
        response.put("added", result.added().size());
        response.put("existing", result.existing());
        response.put("duplicates", result.duplicates());
        response.put("blank", result.blank());
        ctx.json(response);
    }
}
