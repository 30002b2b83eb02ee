package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.grok2api.core.admin.AdminCredentials;
import dev.grok2api.core.admin.AdminSession;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import dev.grok2api.testkit.grok.GrokReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Admin authentication and secrecy through the real server: sessions, throttling, password change, masking. */
class AdminSecurityIT {
    private static final String GLOBAL_KEY = "sk-global-client-key-0123456789";

    /** Every admin route, as method and path. */
    private static final List<String[]> ADMIN_ROUTES = List.of(
            new String[] {"GET", "/api/v1/admin/session"},
            new String[] {"POST", "/api/v1/admin/password"},
            new String[] {"POST", "/api/v1/admin/sessions/revoke"},
            new String[] {"GET", "/api/v1/admin/config"},
            new String[] {"POST", "/api/v1/admin/config"},
            new String[] {"GET", "/api/v1/admin/config/meta"},
            new String[] {"GET", "/api/v1/admin/storage"},
            new String[] {"GET", "/api/v1/admin/keys"},
            new String[] {"POST", "/api/v1/admin/keys"},
            new String[] {"POST", "/api/v1/admin/keys/update"},
            new String[] {"POST", "/api/v1/admin/keys/delete"},
            new String[] {"POST", "/api/v1/admin/keys/batch-create"},
            new String[] {"POST", "/api/v1/admin/keys/batch-delete"},
            new String[] {"GET", "/api/v1/admin/metrics"},
            new String[] {"GET", "/api/v1/admin/request-logs"},
            new String[] {"POST", "/api/v1/admin/request-logs/clear"},
            new String[] {"GET", "/api/v1/admin/logs/files"},
            new String[] {"GET", "/api/v1/admin/logs/tail"},
            new String[] {"GET", "/api/v1/admin/tokens"},
            new String[] {"GET", "/metrics"});

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        gateway = GatewayHarness.start(dataDir, options -> options.withSetting("app.api_key", GLOBAL_KEY));
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        gateway.close();
    }

    private HttpResponse<String> call(String[] route, String bearer) {
        return route[0].equals("GET") ? gateway.get(route[1], bearer) : gateway.post(route[1], "{}", bearer);
    }

    private String expiredSession() {
        String token = "expired-session-token-0123456789abcdefghijkl";
        Instant past = Instant.now().minus(Duration.ofHours(9));
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.sqlite(dataDir))) {
            storage.sessionStore()
                    .create(new AdminSession(
                            AdminCredentials.sha256Hex(token), "admin", past, past.plus(Duration.ofHours(8))));
        }
        return token;
    }

    private String createKey(String session, String body) {
        HttpResponse<String> created = gateway.post("/api/v1/admin/keys", body, session);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return (String) json(created, "data.key");
    }

    @Test
    void should_refuse_every_admin_route_without_a_live_session() {
        // given
        String expired = expiredSession();
        String managedKey = createKey(gateway.login(), "{\"name\":\"client\"}");

        for (String[] route : ADMIN_ROUTES) {
            String name = route[0] + " " + route[1];
            // when / then
            assertThat(json(call(route, null), "error.code")).as(name).isEqualTo("missing_session");
            assertThat(json(call(route, expired), "error.code")).as(name).isEqualTo("session_expired");
            assertThat(json(call(route, GLOBAL_KEY), "error.code")).as(name).isEqualTo("client_key_not_accepted");
            HttpResponse<String> withManagedKey = call(route, managedKey);
            assertThat(withManagedKey.statusCode()).as(name).isEqualTo(401);
            assertThat(json(withManagedKey, "error.code")).as(name).isEqualTo("client_key_not_accepted");
        }
    }

    @Test
    void should_refuse_an_admin_session_on_the_client_api() {
        // when
        HttpResponse<String> response = gateway.get("/v1/models", gateway.login());

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response, "error.code")).isEqualTo("invalid_api_key");
        assertThat((String) json(response, "error.message")).contains("admin session");
        assertThat(gateway.get("/v1/models", GLOBAL_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void should_throttle_repeated_failed_sign_ins_with_retry_after() {
        // given
        String wrong = "{\"username\":\"admin\",\"password\":\"guess\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.post("/api/v1/admin/login", wrong, null).statusCode())
                    .isEqualTo(401);
        }

        // when: even the right password
        HttpResponse<String> throttled =
                gateway.post("/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}", null);

        // then
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled, "error.code")).isEqualTo("login_throttled");
        assertThat(json(throttled, "error.type")).isEqualTo("rate_limit_error");
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 300L));
    }

    @Test
    void should_change_the_password_and_end_the_other_sessions() {
        // given
        String old = gateway.login();
        String other = gateway.login();

        // when
        HttpResponse<String> changed = gateway.post(
                "/api/v1/admin/password",
                "{\"current_password\":\"admin\",\"new_password\":\"a-much-better-one\"}",
                old);

        // then
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String fresh = (String) json(changed, "api_key");
        assertThat(gateway.get("/api/v1/admin/session", fresh).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/admin/session", old).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/admin/session", other).statusCode()).isEqualTo(401);
        assertThat(gateway.post("/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.post(
                                "/api/v1/admin/login",
                                "{\"username\":\"admin\",\"password\":\"a-much-better-one\"}",
                                null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_revoke_every_session() {
        String first = gateway.login();
        String second = gateway.login();
        assertThat(json(gateway.post("/api/v1/admin/sessions/revoke", "", first), "revoked"))
                .isEqualTo(2L);
        assertThat(gateway.get("/api/v1/admin/session", second).statusCode()).isEqualTo(401);
    }

    @Test
    void should_never_show_secrets_in_admin_responses_errors_or_logs() {
        // given: a changed password, secrets in the config, a managed key that served a request
        String password = "correct-horse-battery";
        String session = (String) json(
                gateway.post(
                        "/api/v1/admin/password",
                        "{\"current_password\":\"admin\",\"new_password\":\"" + password + "\"}",
                        gateway.login()),
                "api_key");
        String cfClearance = "cf-clearance-value-0123456789abcdef";
        String proxyPassword = "proxy-pass-9876";
        HttpResponse<String> saved = gateway.post(
                "/api/v1/admin/config",
                "{\"grok\":{\"cf_clearance\":\"" + cfClearance + "\",\"base_proxy_url\":\"http://bob:" + proxyPassword
                        + "@127.0.0.1:9\"}}",
                session);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String managedKey = createKey(session, "{\"name\":\"client\"}");
        String sso = "sso-account-secret-0123456789abcdefghij";
        gateway.addTokens(session, sso);
        gateway.post(
                "/api/v1/admin/config", "{\"grok\":{\"base_proxy_url\":\"\"}}", session); // let chats reach the mock
        gateway.grok.enqueueChat(GrokReply.text("hi"));
        gateway.post(
                "/v1/chat/completions",
                chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "hi"})),
                managedKey);

        // when
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (String path : List.of(
                "/api/v1/admin/config",
                "/api/v1/admin/config/meta",
                "/api/v1/admin/keys",
                "/api/v1/admin/metrics",
                "/api/v1/admin/request-logs",
                "/api/v1/admin/logs/files",
                "/api/v1/admin/logs/tail",
                "/metrics")) {
            responses.add(gateway.get(path, session));
        }
        responses.add(gateway.post(
                "/api/v1/admin/config",
                "{\"grok\":{\"base_proxy_url\":\"ftp://bob:" + proxyPassword + "@h:1\"}}",
                session));
        responses.add(gateway.post("/api/v1/admin/config", "{\"app\":{\"app_key\":\"" + password + "x\"}}", session));
        responses.add(gateway.get("/v1/models", managedKey + "x"));
        responses.add(gateway.post("/api/v1/admin/keys/delete", "{\"key\":\"" + managedKey + "x\"}", session));
        responses.add(gateway.post(
                "/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"" + password + "x\"}", null));

        // then
        List<String> secrets = List.of(password, GLOBAL_KEY, managedKey, cfClearance, proxyPassword, sso, session);
        for (HttpResponse<String> response : responses) {
            for (String secret : secrets) {
                assertThat(response.body())
                        .as(response.request().uri().toString())
                        .doesNotContain(secret);
            }
        }
        for (ILoggingEvent event : logs.list) {
            for (String secret : secrets) {
                assertThat(event.getFormattedMessage()).doesNotContain(secret);
            }
        }
    }

    @Test
    void should_refuse_log_names_that_leave_the_log_directory() {
        String session = gateway.login();
        for (String name : List.of("../grok2api.db", "..%2Fgrok2api.db", "..", "%2Fetc%2Fpasswd")) {
            HttpResponse<String> response = gateway.get("/api/v1/admin/logs/tail?file=" + name, session);
            assertThat(response.statusCode()).as(name).isEqualTo(400);
        }
    }

    @Test
    void should_send_security_headers_on_pages_and_cors_only_on_the_client_api() throws Exception {
        // given
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest page = HttpRequest.newBuilder(URI.create(gateway.server.localUrl() + "/login"))
                .GET()
                .build();
        HttpRequest admin = HttpRequest.newBuilder(URI.create(gateway.server.localUrl() + "/api/v1/admin/login"))
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpRequest client = HttpRequest.newBuilder(URI.create(gateway.server.localUrl() + "/v1/models"))
                .header("Origin", "https://app.example")
                .header("Authorization", "Bearer " + GLOBAL_KEY)
                .GET()
                .build();

        // when
        HttpResponse<String> pageResponse = http.send(page, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> adminResponse = http.send(admin, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> clientResponse = http.send(client, HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(pageResponse.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(pageResponse.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(pageResponse.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(pageResponse.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(adminResponse.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(clientResponse.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://app.example");
    }
}
