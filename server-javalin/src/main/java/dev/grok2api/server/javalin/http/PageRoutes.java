package dev.grok2api.server.javalin.http;

import dev.grok2api.admin.ui.AdminUi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin pages and the reference's page redirects, served with security headers: a Content-Security-Policy that
 * allows only this origin plus the pages' own inline scripts (by hash, so injected scripts do not run), no framing,
 * no MIME sniffing, and no referrer to other sites.
 */
public final class PageRoutes {
    private static final Map<String, String> PAGES = Map.of(
            "/login", "login.html",
            "/admin/token", "token.html");
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final Map<String, Page> cache = new ConcurrentHashMap<>();

    private record Page(byte[] html, String policy) {}

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/login"));
        routes.get("/admin", ctx -> ctx.redirect("/login"));
        PAGES.forEach((path, file) -> routes.get(path, ctx -> page(ctx, file)));
    }

    private void page(Context ctx, String file) {
        Page page = cache.computeIfAbsent(file, PageRoutes::load);
        if (page == null) {
            ctx.status(404).result("Template " + file + " not found.");
            return;
        }
        ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", page.policy())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .contentType("text/html; charset=utf-8")
                .result(page.html());
    }

    private static Page load(String file) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/" + AdminUi.CLASSPATH_ROOT + "/" + file)) {
            if (in == null) {
                return null;
            }
            byte[] html = in.readAllBytes();
            return new Page(html, policy(new String(html, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's policy: its inline scripts are allowed by their SHA-256, nothing else inline. */
    static String policy(String html) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher scripts = INLINE_SCRIPT.matcher(html);
        while (scripts.find()) {
            hashes.add("'sha256-" + sha256Base64(scripts.group(1)) + "'");
        }
        return "default-src 'self'; script-src 'self'" + (hashes.isEmpty() ? "" : " " + String.join(" ", hashes))
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self';"
                + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
