package dev.grok2api.server.javalin.http;

import dev.grok2api.core.admin.AdminCredentials;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AuthenticationException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Client authentication for {@code /v1}: a bearer key equal to {@code app.api_key}. With no key configured the API
 * is open, as in the reference (the server warns about that at start). Compared in constant time.
 */
public final class ApiKeyGuard implements Handler {
    private final SettingsSource settings;

    public ApiKeyGuard(SettingsSource settings) {
        this.settings = settings;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.method().name().equals("OPTIONS") || ctx.path().startsWith("/v1/files/")) {
            // Cached media is linked from answers and loaded by browsers, which send no API key (as the reference).
            return;
        }
        String configured = settings.current().app().apiKey();
        if (configured.isEmpty()) {
            return;
        }
        String presented = Bearer.token(ctx);
        if (presented == null) {
            throw AuthenticationException.missingApiKey();
        }
        if (!AdminCredentials.constantTimeEquals(presented, configured)) {
            throw AuthenticationException.invalidApiKey();
        }
    }
}
