package dev.grok2api.server.javalin.http;

import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.core.service.ApiKeyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * Client authentication for {@code /v1}: the global key {@code app.api_key} or an enabled managed key (see {@link
 * ApiKeyService#authenticate}); open when neither exists, as in the reference. The caller's {@link ClientIdentity} is
 * kept on the request for accounting. An admin session token is refused with a message saying so: admin sessions do
 * not open the client API, as client keys do not open the admin API.
 */
public final class ApiKeyGuard implements Handler {
    /** Paths under {@code /v1} served without a key (media files, so {@code <img>} tags work, as in the reference). */
    private static final List<String> PUBLIC_PREFIXES = List.of("/v1/files/");

    private static final String ATTRIBUTE = "grok2api.clientIdentity";

    private final ApiKeyService keys;
    private final AdminAuthService admin;

    public ApiKeyGuard(ApiKeyService keys, AdminAuthService admin) {
        this.keys = keys;
        this.admin = admin;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.method().name().equals("OPTIONS") || PUBLIC_PREFIXES.stream().anyMatch(ctx.path()::startsWith)) {
            return;
        }
        String bearer = Bearer.token(ctx);
        try {
            ctx.attribute(ATTRIBUTE, keys.authenticate(bearer));
        } catch (AuthenticationException e) {
            if (admin.isSession(bearer)) {
                throw new AuthenticationException(
                        "invalid_api_key",
                        "An admin session token cannot call /v1: send app.api_key or a managed API key as"
                                + " 'Authorization: Bearer <key>'.");
            }
            throw e;
        }
    }

    /** The caller of this request; {@link ClientIdentity#OPEN} when the guard did not run (a public path). */
    public static ClientIdentity identity(Context ctx) {
        ClientIdentity identity = ctx.attribute(ATTRIBUTE);
        return identity == null ? ClientIdentity.OPEN : identity;
    }
}
