package dev.grok2api.server.javalin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.Grok2ApiServer;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.MockGrokServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;

/**
 * One real server wired to a {@link MockGrokServer} and an SQLite directory, one headless Chromium, and a plain HTTP
 * client for arranging state through the admin API (so each browser test drives only the UI it is about). Built once
 * per test class: starting Chromium is the slow part.
 */
final class PanelHarness implements AutoCloseable {
    final MockGrokServer grok;
    final Grok2ApiServer server;
    final Browser browser;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String session;

    private PanelHarness(MockGrokServer grok, Grok2ApiServer server, Browser browser) {
        this.grok = grok;
        this.server = server;
        this.browser = browser;
    }

    static PanelHarness start(Path dataDir) {
        MockGrokServer grok = MockGrokServer.start();
        Grok2ApiServer server = null;
        try {
            server = Grok2ApiServer.start(ServerOptions.forTests(dataDir)
                    .withSetting("grok.base_url", grok.baseUrl())
                    .withSetting("grok.assets_url", grok.baseUrl())
                    .withSetting("grok.accounts_url", grok.baseUrl()));
            return new PanelHarness(grok, server, new Browser(server.localUrl()));
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            grok.close();
            throw e;
        }
    }

    /** An admin session for arranging state over HTTP (separate from the browser's own session). */
    String session() {
        if (session == null) {
            HttpResponse<String> response =
                    send("POST", "/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            session = (String) JsonText.at(JsonText.parse(response.body()), "api_key");
        }
        return session;
    }

    /** Calls the admin API as the admin and returns the parsed JSON body; fails on any status but 2xx. */
    Object admin(String method, String path, String json) {
        HttpResponse<String> response = send(method, path, json, session());
        if (response.statusCode() == 401) { // a test revoked every session: sign in again
            session = null;
            response = send(method, path, json, session());
        }
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return JsonText.parse(response.body());
    }

    /** Adds basic-pool accounts without the background account-settings refresh. */
    void addTokens(String tag, int count, String prefix) {
        StringBuilder body = new StringBuilder("{\"pool\":\"ssoBasic\",\"account_settings\":false,\"tags\":[")
                .append(JsonText.quote(tag))
                .append("],\"tokens\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append(JsonText.quote(prefix + i + ".sig"));
        }
        admin("POST", "/api/v1/admin/tokens/add", body.append("]}").toString());
    }

    /** Creates a managed client key over the admin API and returns it. */
    String createKey(String name) {
        Object created = admin("POST", "/api/v1/admin/keys", "{\"name\":" + JsonText.quote(name) + "}");
        return (String) JsonText.at(created, "data.key");
    }

    HttpResponse<String> send(String method, String path, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.localUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs the browser in through the login page unless its tab already holds a session. */
    void signIn() {
        browser.open("/login");
        if (browser.script("return sessionStorage.getItem('grok2api.session')") != null) {
            return;
        }
        browser.waitFor(By.id("password")).sendKeys("admin");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForUrl("/admin/token");
    }

    /** Opens an admin page in English, signed in. */
    void open(String path) {
        signIn();
        browser.setLanguage("en");
        browser.open(path);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                server.close();
            } finally {
                grok.close();
            }
        }
    }
}
