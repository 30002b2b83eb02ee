package dev.grok2api.server.javalin.http;

import dev.grok2api.admin.ui.AdminUi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The health endpoint, the admin pages and the reference's page redirects. */
public final class PageRoutes {
    private static final Map<String, String> PAGES = Map.of(
            "/login", "login.html",
            "/admin/token", "token.html");

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(
                "/health",
                ctx -> ctx.json(Map.of("status", "healthy", "service", "Grok2API", "runtime", "java-javalin")));
        routes.get("/", ctx -> ctx.redirect("/login"));
        routes.get("/admin", ctx -> ctx.redirect("/login"));
        PAGES.forEach((path, file) -> routes.get(path, ctx -> page(ctx, file)));
    }

    private static void page(Context ctx, String file) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/" + AdminUi.CLASSPATH_ROOT + "/" + file)) {
            if (in == null) {
                ctx.status(404).result("Template " + file + " not found.");
                return;
            }
            ctx.header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "same-origin")
                    .contentType("text/html; charset=utf-8")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
