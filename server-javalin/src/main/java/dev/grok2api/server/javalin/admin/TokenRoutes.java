package dev.grok2api.server.javalin.admin;

import static dev.grok2api.server.javalin.admin.AdminAuthRoutes.PREFIX;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenPool;
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
 * The account-pool admin API. Paths and response shapes follow the reference so its UI and monitors keep working.
 * Registered after {@link AdminAuthRoutes}, whose session check guards these routes.
 */
public final class TokenRoutes {
    private final TokenAdminService tokens;
    private final InstantSource clock;

    public TokenRoutes(TokenAdminService tokens, InstantSource clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "/tokens", this::listTokens);
        routes.post(PREFIX + "/tokens/add", this::addTokens);
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
