package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin pages at the reference's routes: served, never cached, with their assets versioned and UTF-8. */
class AdminPagesIT {
    private static final List<String> PAGES = List.of(
            "/login",
            "/admin/token",
            "/admin/keys",
            "/admin/config",
            "/admin/cache",
            "/admin/datacenter",
            "/admin/chat");

    @TempDir
    Path dataDir;

    /** The content type without spaces (Jetty writes {@code text/html;charset=utf-8}). */
    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    @Test
    void should_serve_every_page_uncached_with_a_strict_content_policy() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            for (String path : PAGES) {
                // when
                HttpResponse<String> page = gateway.get(path, null);

                // then
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
                assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
                assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .contains("script-src 'self'");
                assertThat(page.body())
                        .doesNotContain("{{version}}")
                        .doesNotContain("http://")
                        .doesNotContain("https://");
            }
        }
    }

    @Test
    void should_send_the_root_and_admin_paths_to_the_login_page() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            for (String path : List.of("/", "/admin")) {
                HttpResponse<String> response = gateway.get(path, null);
                assertThat(response.statusCode()).as(path).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).hasValue("/login");
            }
        }
    }

    @Test
    void should_serve_the_versioned_scripts_of_a_page_as_immutable_utf8() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            // given
            Matcher script = Pattern.compile("src=\"(/static/pages/token\\.js\\?v=[0-9a-f]+)\"")
                    .matcher(gateway.get("/admin/token", null).body());
            assertThat(script.find()).isTrue();

            // when
            HttpResponse<String> asset = gateway.get(script.group(1), null);
            HttpResponse<String> strings = gateway.get("/static/i18n/zh-CN.json", null);

            // then
            assertThat(contentType(asset)).isEqualTo("text/javascript;charset=utf-8");
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(contentType(strings)).isEqualTo("application/json;charset=utf-8");
            assertThat(strings.body()).contains("\"nav.tokens\": \"Token 管理\"");
        }
    }

    @Test
    void should_serve_the_public_playground_only_while_it_is_turned_on() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            // given
            String session = gateway.login();
            HttpResponse<String> off = gateway.get("/chat", null);

            // when
            gateway.post("/api/v1/admin/config", "{\"app\":{\"public_chat\":true}}", session);
            HttpResponse<String> on = gateway.get("/chat", null);

            // then
            assertThat(off.statusCode()).isEqualTo(404);
            assertThat(off.body()).contains("app.public_chat");
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(on.body()).contains("/static/pages/chat.js");
        }
    }

    @Test
    void should_list_the_models_a_key_allow_list_may_name() {
        try (GatewayHarness gateway = GatewayHarness.start(dataDir)) {
            // when
            HttpResponse<String> models = gateway.get("/api/v1/admin/keys/models", gateway.login());

            // then
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(json(models, "data.0.id")).isEqualTo("grok-3");
            assertThat(models.body()).contains("\"grok-imagine-1.0-video\"").contains("\"bucket\":\"video\"");
        }
    }
}
