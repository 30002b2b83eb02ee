package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.chatBody;
import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover, cooldowns and failure counting through the real server, its SQLite store and the mocked Grok. */
class TokenFailoverIT {
    private static final String ASK = chatBody("grok-3", Map.of(), List.<String[]>of(new String[] {"user", "Hi"}));

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private GatewayHarness start(Map<String, Object> settings) {
        gateway = GatewayHarness.start(dataDir, options -> {
            var customized = options;
            for (var setting : settings.entrySet()) {
                customized = customized.withSetting(setting.getKey(), setting.getValue());
            }
            return customized;
        });
        session = gateway.login();
        return gateway;
    }

    /** The detailed admin view of one account. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> account(String token) {
        HttpResponse<String> page = gateway.get("/api/v1/admin/tokens/page?q=" + token, session);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<Object> items = (List<Object>) json(page, "items");
        return (Map<String, Object>) items.stream()
                .filter(item -> token.equals(((Map<String, Object>) item).get("token")))
                .findFirst()
                .orElseThrow();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private List<String> chatAccounts() {
        return gateway.grok.chatRequests().stream()
                .map(RecordedGrokRequest::sso)
                .toList();
    }

    @Test
    void should_succeed_on_the_second_account_and_show_the_first_cooling_with_its_reason_when_it_gets_429() {
        // given: the first account has the most quota, so it is picked first
        GatewayHarness g = start(Map.of());
        g.addTokens(session, "sso-first-account", "sso-second-account");
        HttpResponse<String> lowered =
                g.patch("/api/v1/admin/tokens", "{\"tokens\":[\"sso-second-account\"],\"quota\":10}", session);
        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(200);
        g.grok.enqueueChat(GrokReply.rateLimited(120));
        g.grok.enqueueChat(GrokReply.text("Hello from the second account"));

        // when
        HttpResponse<String> response = g.post("/v1/chat/completions", ASK, null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response, "choices.0.message.content")).isEqualTo("Hello from the second account");
        assertThat(chatAccounts()).containsExactly("sso-first-account", "sso-second-account");
        Map<String, Object> first = account("sso-first-account");
        assertThat(first.get("status")).isEqualTo("cooling");
        assertThat(((Number) first.get("cooldown_remaining_seconds")).longValue())
                .isBetween(100L, 120L);
        assertThat(JsonText.at(first, "last_failure.code")).isEqualTo("upstream_rate_limited");
        assertThat((String) JsonText.at(first, "last_failure.message")).contains("rate-limited");
        assertThat(number(first.get("use_count"))).isEqualTo(0);
        Map<String, Object> second = account("sso-second-account");
        assertThat(second.get("status")).isEqualTo("active");
        assertThat(number(second.get("use_count"))).isEqualTo(1);
        HttpResponse<String> cooling = g.get("/api/v1/admin/tokens/page?status=cooling", session);
        assertThat(number(json(cooling, "total"))).isEqualTo(1);
        assertThat(number(json(g.get("/api/v1/admin/tokens/stats", session), "cooling")))
                .isEqualTo(1);
    }

    @Test
    void should_invalidate_an_account_that_keeps_getting_401_once_the_threshold_is_reached() {
        // given
        GatewayHarness g = start(Map.of("token.fail_threshold", 2));
        g.addTokens(session, "sso-expired-account");
        g.grok.enqueueChat(GrokReply.unauthorized());
        g.grok.enqueueChat(GrokReply.unauthorized());

        // when: two requests, each failing on the only account
        HttpResponse<String> firstTry = g.post("/v1/chat/completions", ASK, null);
        Map<String, Object> afterOne = account("sso-expired-account");
        HttpResponse<String> secondTry = g.post("/v1/chat/completions", ASK, null);
        HttpResponse<String> thirdTry = g.post("/v1/chat/completions", ASK, null);

        // then
        assertThat(firstTry.statusCode()).isEqualTo(502);
        assertThat(json(firstTry, "error.code")).isEqualTo("upstream_invalid_credentials");
        assertThat(afterOne.get("status")).isEqualTo("active");
        assertThat(number(afterOne.get("fail_count"))).isEqualTo(1);
        assertThat(secondTry.statusCode()).isEqualTo(502);
        Map<String, Object> after = account("sso-expired-account");
        assertThat(after.get("status")).isEqualTo("invalid");
        assertThat(number(after.get("fail_count"))).isEqualTo(2);
        assertThat(JsonText.at(after, "last_failure.code")).isEqualTo("upstream_invalid_credentials");
        assertThat((String) JsonText.at(after, "last_failure.message")).contains("invalid-credentials");
        assertThat(thirdTry.statusCode()).isEqualTo(429);
        assertThat(json(thirdTry, "error.code")).isEqualTo("rate_limit_exceeded");
        assertThat(chatAccounts()).hasSize(2);
    }

    @Test
    void should_return_the_cloudflare_error_and_leave_every_account_untouched_when_challenged() {
        // given
        GatewayHarness g = start(Map.of());
        g.addTokens(session, "sso-cf-one", "sso-cf-two");
        g.grok.enqueueChat(GrokReply.cloudflareChallenge());

        // when
        HttpResponse<String> response = g.post("/v1/chat/completions", ASK, null);

        // then
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response, "error.code")).isEqualTo("cloudflare_challenge");
        assertThat((String) json(response, "error.message")).contains("cf_clearance");
        assertThat(chatAccounts()).hasSize(1);
        for (String token : List.of("sso-cf-one", "sso-cf-two")) {
            Map<String, Object> account = account(token);
            assertThat(account.get("status")).isEqualTo("active");
            assertThat(number(account.get("fail_count"))).isEqualTo(0);
            assertThat(account.get("last_failure")).isNull();
            assertThat(account.get("cooldown_until")).isNull();
        }
    }
}
