package dev.grok2api.grok.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.AccountBlockedException;
import dev.grok2api.core.error.AntiBotRejectedException;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.MockGrokServer;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OkHttpGrokUpstreamTest {
    private final MockGrokServer grok = MockGrokServer.start();

    @AfterEach
    void stop() {
        grok.close();
    }

    private OkHttpGrokUpstream upstream(Map<String, Object> overrides) {
        return OkHttpGrokUpstream.builder(TestSettings.source(grok.baseUrl(), overrides))
                .random(new Random(1))
                .build();
    }

    private List<GrokEvent> chat(OkHttpGrokUpstream upstream, SsoCredential credential) {
        List<GrokEvent> events = new ArrayList<>();
        upstream.chat(
                ConversationRequest.chat("grok-4-1-thinking-1129", "MODEL_MODE_FAST", "system: Be brief\n\nHi"),
                credential,
                events::add);
        return events;
    }

    @Test
    void should_post_the_reference_body_field_by_field() {
        // given
        grok.enqueueChat(GrokReply.text("Hello"));

        // when
        chat(upstream(Map.of()), SsoCredential.parse("token-a"));

        // then
        RecordedGrokRequest request = grok.singleChatRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/rest/app-chat/conversations/new");
        assertThat(request.body()).startsWith("{\"temporary\":true,\"modelName\":\"grok-4-1-thinking-1129\",");
        assertThat(request.jsonAt("temporary")).isEqualTo(true);
        assertThat(request.jsonAt("modelName")).isEqualTo("grok-4-1-thinking-1129");
        assertThat(request.jsonAt("modelMode")).isEqualTo("MODEL_MODE_FAST");
        assertThat(request.jsonAt("message")).isEqualTo("system: Be brief\n\nHi");
        assertThat(request.jsonAt("fileAttachments")).isEqualTo(List.of());
        assertThat(request.jsonAt("imageAttachments")).isEqualTo(List.of());
        assertThat(request.jsonAt("disableSearch")).isEqualTo(false);
        assertThat(request.jsonAt("enableImageGeneration")).isEqualTo(true);
        assertThat(request.jsonAt("returnImageBytes")).isEqualTo(false);
        assertThat(request.jsonAt("returnRawGrokInXaiRequest")).isEqualTo(false);
        assertThat(request.jsonAt("enableImageStreaming")).isEqualTo(true);
        assertThat(request.jsonAt("imageGenerationCount")).isEqualTo(2L);
        assertThat(request.jsonAt("forceConcise")).isEqualTo(false);
        assertThat(request.jsonAt("toolOverrides")).isEqualTo(Map.of());
        assertThat(request.jsonAt("enableSideBySide")).isEqualTo(true);
        assertThat(request.jsonAt("sendFinalMetadata")).isEqualTo(true);
        assertThat(request.jsonAt("isReasoning")).isEqualTo(false);
        assertThat(request.jsonAt("disableTextFollowUps")).isEqualTo(false);
        assertThat(request.jsonAt("responseMetadata.modelConfigOverride.modelMap"))
                .isEqualTo(Map.of());
        assertThat(request.jsonAt("responseMetadata.requestModelDetails.modelId"))
                .isEqualTo("grok-4-1-thinking-1129");
        assertThat(request.jsonAt("disableMemory")).isEqualTo(false);
        assertThat(request.jsonAt("forceSideBySide")).isEqualTo(false);
        assertThat(request.jsonAt("isAsyncChat")).isEqualTo(false);
        assertThat(request.jsonAt("disableSelfHarmShortCircuit")).isEqualTo(false);
        assertThat(request.jsonAt("deviceEnvInfo.screenWidth")).isEqualTo(2056L);
        assertThat(request.jsonAt("deviceEnvInfo.viewportHeight")).isEqualTo(1083L);
    }

    @Test
    void should_send_the_chrome_like_headers_and_the_account_cookies() {
        // given
        grok.enqueueChat(GrokReply.text("Hello"));

        // when
        chat(upstream(Map.of("grok.cf_clearance", "cf-value")), SsoCredential.parse("sso=tok-a;sso-rw=tok-rw"));

        // then
        RecordedGrokRequest request = grok.singleChatRequest();
        assertThat(request.header("Cookie")).isEqualTo("sso=tok-a;sso-rw=tok-rw;cf_clearance=cf-value");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Accept")).isEqualTo("*/*");
        assertThat(request.header("Origin")).isEqualTo(grok.baseUrl());
        assertThat(request.header("Referer")).isEqualTo(grok.baseUrl() + "/");
        assertThat(request.header("User-Agent")).isEqualTo("test-agent/1.0");
        assertThat(request.header("Sec-Fetch-Mode")).isEqualTo("cors");
        assertThat(request.header("Sec-Ch-Ua-Platform")).isEqualTo("\"macOS\"");
        assertThat(request.header("Baggage")).contains("sentry-public_key=b311e0f2690c81f25e2c4cf6d4f7ce1c");
        assertThat(request.header("x-xai-request-id")).matches("[0-9a-f-]{36}");
        String statsig = new String(Base64.getDecoder().decode(request.header("x-statsig-id")), StandardCharsets.UTF_8);
        assertThat(statsig).startsWith("e:TypeError: Cannot read properties of ");
    }

    @Test
    void should_send_the_fixed_statsig_id_when_dynamic_statsig_is_off() {
        // given
        grok.enqueueChat(GrokReply.text("x"));

        // when
        chat(upstream(Map.of("grok.dynamic_statsig", false)), SsoCredential.parse("t"));

        // then
        assertThat(grok.singleChatRequest().header("x-statsig-id"))
                .isEqualTo(
                        "ZTpUeXBlRXJyb3I6IENhbm5vdCByZWFkIHByb3BlcnRpZXMgb2YgdW5kZWZpbmVkIChyZWFkaW5nICdjaGlsZE5vZGVzJyk=");
    }

    @Test
    void should_stream_events_in_order() {
        // given
        grok.enqueueChat(GrokReply.thinking(List.of("hmm "), List.of("Par", "is")));

        // when
        List<GrokEvent> events = chat(upstream(Map.of()), SsoCredential.parse("t"));

        // then
        assertThat(events)
                .filteredOn(e -> e instanceof GrokEvent.Token)
                .extracting(e -> ((GrokEvent.Token) e).text())
                .containsExactly("hmm ", "Par", "is");
        assertThat(events.get(events.size() - 1)).isInstanceOf(GrokEvent.FinalResponse.class);
    }

    @Test
    void should_classify_each_error_status_into_its_own_exception() {
        OkHttpGrokUpstream upstream = upstream(Map.of());
        SsoCredential credential = SsoCredential.parse("t");
        record Case(GrokReply reply, Class<? extends UpstreamException> expected) {}
        List<Case> cases = List.of(
                new Case(GrokReply.unauthorized(), InvalidCredentialsException.class),
                new Case(GrokReply.cloudflareChallenge(), CloudflareChallengeException.class),
                new Case(
                        GrokReply.status(
                                403, "{\"code\":7,\"message\":\"User is blocked [WKE=unauthorized:blocked-user]\"}"),
                        AccountBlockedException.class),
                new Case(
                        GrokReply.status(403, "{\"code\":7,\"message\":\"Request rejected by anti-bot rules\"}"),
                        AntiBotRejectedException.class),
                new Case(GrokReply.rateLimited(42), UpstreamRateLimitedException.class),
                new Case(
                        GrokReply.status(503, "{\"code\":14,\"message\":\"unavailable\"}"),
                        UpstreamUnavailableException.class),
                new Case(GrokReply.status(404, "{}"), UpstreamException.class));
        for (Case c : cases) {
            grok.enqueueChat(c.reply());
            assertThatThrownBy(() -> chat(upstream, credential))
                    .as(c.expected().getSimpleName())
                    .isExactlyInstanceOf(c.expected());
        }
    }

    @Test
    void should_pass_the_retry_after_hint_of_a_429() {
        // given
        grok.enqueueChat(GrokReply.rateLimited(42));

        // when / then
        assertThatThrownBy(() -> chat(upstream(Map.of()), SsoCredential.parse("t")))
                .isInstanceOfSatisfying(
                        UpstreamRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42)));
    }

    @Test
    void should_report_a_connection_failure_as_upstream_unavailable() {
        // given
        String deadUrl = grok.baseUrl();
        grok.close();

        // when / then
        assertThatThrownBy(() -> chat(upstream(Map.of("grok.base_url", deadUrl)), SsoCredential.parse("t")))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("Could not reach Grok");
    }

    @Test
    void should_query_rate_limits_and_read_the_remaining_quota() {
        // given
        grok.setRemainingQueries("tok-a", 37);

        // when
        RateLimits limits = upstream(Map.of()).rateLimits("grok-4-heavy", SsoCredential.parse("tok-a"));

        // then
        assertThat(limits).isEqualTo(new RateLimits(37, 80, 72000));
        RecordedGrokRequest request = grok.requests().get(0);
        assertThat(request.path()).isEqualTo("/rest/rate-limits");
        assertThat(request.jsonAt("requestKind")).isEqualTo("DEFAULT");
        assertThat(request.jsonAt("modelName")).isEqualTo("grok-4-heavy");
        assertThat(request.cookies()).containsEntry("sso", "tok-a");
    }

    @Test
    void should_send_the_three_account_settings_steps_as_the_reference() {
        // given
        OkHttpGrokUpstream upstream = upstream(Map.of());
        SsoCredential credential = SsoCredential.parse("sso=tok-a;sso-rw=tok-rw");

        // when
        upstream.acceptTermsOfService(credential);
        upstream.setBirthDate(credential, LocalDate.of(1994, 7, 13));
        upstream.enableNsfw(credential);

        // then
        List<RecordedGrokRequest> calls = grok.requests();
        assertThat(calls)
                .extracting(RecordedGrokRequest::path)
                .containsExactly(
                        "/auth_mgmt.AuthManagement/SetTosAcceptedVersion",
                        "/rest/auth/set-birth-date",
                        "/auth_mgmt.AuthManagement/UpdateUserFeatureControls");
        RecordedGrokRequest tos = calls.get(0);
        assertThat(tos.header("content-type")).isEqualTo("application/grpc-web+proto");
        assertThat(tos.header("x-grpc-web")).isEqualTo("1");
        assertThat(tos.header("referer")).isEqualTo(grok.baseUrl() + "/accept-tos");
        assertThat(tos.header("user-agent")).contains("Windows NT 10.0").contains("Chrome/120");
        assertThat(tos.bodyBytes()).containsExactly(0, 0, 0, 0, 2, 0x10, 0x01);
        assertThat(tos.cookies()).containsEntry("sso", "tok-a").containsEntry("sso-rw", "tok-rw");
        assertThat(tos.header("x-statsig-id")).isNull();
        RecordedGrokRequest birth = calls.get(1);
        assertThat(birth.json()).isEqualTo(Map.of("birthDate", "1994-07-13T16:00:00.000Z"));
        RecordedGrokRequest nsfw = calls.get(2);
        assertThat(nsfw.header("referer")).isEqualTo(grok.baseUrl() + "/?_s=data");
        byte[] body = nsfw.bodyBytes();
        assertThat(body).hasSize(37);
        assertThat(java.util.Arrays.copyOfRange(body, 0, 13))
                .containsExactly(0, 0, 0, 0, 0x20, 0x0a, 0x02, 0x10, 0x01, 0x12, 0x1a, 0x0a, 0x18);
        assertThat(new String(body, 13, 24, StandardCharsets.US_ASCII)).isEqualTo("always_show_nsfw_content");
    }
}
