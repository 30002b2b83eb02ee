package dev.grok2api.server.javalin.http;

import dev.grok2api.core.config.SettingsSource;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin pages at the reference's routes, the playground ({@code /admin/chat}, and {@code /chat} without sign-in
 * when {@code app.public_chat} is on), and {@code /static/**}. Pages are never cached;
 * assets requested with the current {@code ?v=} are cached for a year, others revalidate by ETag. Text is always
 * served as UTF-8 (the reference learned that garbled Chinese comes from missing charsets).
 */
public final class PageRoutes {
    /** Route → page file, for the pages that exist in this build. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("/login", "login.html");
        PAGES.put("/admin/token", "token.html");
        PAGES.put("/admin/keys", "keys.html");
        PAGES.put("/admin/config", "config.html");
        PAGES.put("/admin/cache", "cache.html");
        PAGES.put("/admin/datacenter", "datacenter.html");
        PAGES.put("/admin/chat", "chat.html");
    }

    private final StaticAssets assets;
    private final SettingsSource settings;

    public PageRoutes(StaticAssets assets, SettingsSource settings) {
        this.assets = assets;
        this.settings = settings;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/login"));
        routes.get("/admin", ctx -> ctx.redirect("/login"));
        routes.get("/manage", ctx -> ctx.redirect("/admin/token"));
        PAGES.forEach((path, file) -> routes.get(path, ctx -> page(ctx, file)));
        routes.get("/chat", this::publicChat);
        routes.get("/static/<path>", this::asset);
    }

    /** The playground without sign-in, only while {@code app.public_chat} is on; it still needs a client key. */
    private void publicChat(Context ctx) {
        if (!settings.current().bool("app.public_chat")) {
            ctx.status(404)
                    .contentType("text/plain; charset=utf-8")
                    .result("The public playground is off: sign in at /login and use /admin/chat, or turn on"
                            + " app.public_chat in the admin settings.");
            return;
        }
        page(ctx, "chat.html");
    }

    private void page(Context ctx, String file) {
        String html = assets.page(file).orElse(null);
        if (html == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Template " + file + " not found.");
            return;
        }
        SecurityHeaders.forPage(ctx);
        ctx.header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8")
                .result(html);
    }

    private void asset(Context ctx) {
        String path = ctx.pathParam("path");
        StaticAssets.Asset asset =
                path.contains("..") ? null : assets.get("assets/" + path).orElse(null);
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found: /static/" + path);
            return;
        }
        boolean versioned = assets.version().equals(ctx.queryParam("v"));
        ctx.header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
        ctx.header("ETag", asset.etag());
        ctx.header("X-Content-Type-Options", "nosniff");
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }
}
