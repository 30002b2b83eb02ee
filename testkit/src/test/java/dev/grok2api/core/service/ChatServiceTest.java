package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.ChatCompletion;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ChatRequest;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.chat.ContentPart;
import dev.grok2api.core.chat.Role;
import dev.grok2api.core.chat.TokenCounter;
import dev.grok2api.core.chat.UrlCitation;
import dev.grok2api.core.chat.Usage;
import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.CloudflareChallengeException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidCredentialsException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.WebSource;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.FakeGrokUpstream.Script;
import dev.grok2api.testkit.fake.FakeTokenSelector;
import dev.grok2api.testkit.fake.InMemoryMediaStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
    private final FakeGrokUpstream upstream = new FakeGrokUpstream();

    private static Settings settings(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("grok.base_url", "https://grok.example");
        values.put("grok.assets_url", "https://assets.example");
        values.put("grok.accounts_url", "https://accounts.example");
        values.put("grok.filter_tags", List.of("xaiartifact"));
        values.put("grok.user_agent", "test-agent");
        values.put("app.app_url", "http://gateway.example");
        values.putAll(overrides);
        return MutableSettings.with(values).current();
    }

    private ChatService service(FakeTokenSelector tokens, Map<String, Object> overrides) {
        return new ChatService(
                ModelCatalog.standard(),
                tokens,
                upstream,
                new AttachmentResolver((url, imageOnly) -> {
                    throw new AssertionError("no remote attachments in this test: " + url);
                }),
                new MediaLinks(new InMemoryMediaStore(), upstream, SettingsSource.fixed(settings(overrides))),
                SettingsSource.fixed(settings(overrides)),
                TokenCounter.heuristic(),
                InstantSource.fixed(Instant.parse("2026-11-26T10:00:00Z")),
                new Random(7));
    }

    private static ChatRequest ask(String model, String text) {
        return ChatRequest.of(model, List.of(ChatMessage.of(Role.USER, text)));
    }

    @Test
    void should_send_the_flattened_prompt_with_the_models_upstream_name_and_collect_the_answer() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a");
        upstream.enqueue(Script.answer("Hello", " there!"));
        ChatRequest request = ChatRequest.of(
                "grok-4.1-fast", List.of(ChatMessage.of(Role.SYSTEM, "Be brief"), ChatMessage.of(Role.USER, "Hi")));

        // when
        ChatCompletion completion = service(tokens, Map.of()).complete(request);

        // then
        assertThat(completion.content()).isEqualTo("Hello there!");
        assertThat(completion.id()).isEqualTo("resp-1");
        assertThat(completion.end().systemFingerprint()).isEqualTo("hash-1");
        assertThat(completion.end().usage().promptTokens()).isPositive();
        FakeGrokUpstream.Call call = upstream.calls().get(0);
        assertThat(call.request().modelName()).isEqualTo("grok-4-1-thinking-1129");
        assertThat(call.request().modelMode()).isEqualTo("MODEL_MODE_FAST");
        assertThat(call.request().message()).isEqualTo("system: Be brief\n\nHi");
        assertThat(call.credential().sso()).isEqualTo("token-a");
        assertThat(tokens.outcomes()).containsExactly(new FakeTokenSelector.Outcome("token-a", null));
    }

    @Test
    void should_separate_reasoning_from_the_answer_when_the_format_is_reasoning_content() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.Token("Let me think. ", true, "analysis", "r1"),
                new GrokEvent.Token("Paris.", false, "final", "r1"),
                new GrokEvent.FinalResponse("r1", "Paris.", List.of(), null, null)));

        // when
        ChatCompletion completion =
                service(FakeTokenSelector.of("t"), Map.of()).complete(ask("grok-3-thinking", "capital?"));

        // then
        assertThat(completion.content()).isEqualTo("Paris.");
        assertThat(completion.reasoning()).isEqualTo("Let me think. ");
        assertThat(completion.end().usage().reasoningTokens()).isPositive();
    }

    @Test
    void should_wrap_reasoning_in_think_tags_when_configured() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.Token("hmm", true, "analysis", "r1"),
                new GrokEvent.Token("Paris.", false, "final", "r1"),
                new GrokEvent.FinalResponse("r1", "Paris.", List.of(), null, null)));

        // when
        ChatCompletion completion = service(FakeTokenSelector.of("t"), Map.of("grok.thinking_format", "think_tags"))
                .complete(ask("grok-3-thinking", "capital?"));

        // then
        assertThat(completion.content()).isEqualTo("<think>\nhmm\n</think>\nParis.");
        assertThat(completion.reasoning()).isEmpty();
    }

    @Test
    void should_hide_reasoning_when_the_request_disables_thinking() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.Token("hmm", true, "analysis", "r1"),
                new GrokEvent.Token("Paris.", false, "final", "r1"),
                new GrokEvent.FinalResponse("r1", "Paris.", List.of(), null, null)));
        ChatRequest request = new ChatRequest(
                "grok-3-thinking", List.of(ChatMessage.of(Role.USER, "capital?")), Boolean.FALSE, null, false);

        // when
        ChatCompletion completion = service(FakeTokenSelector.of("t"), Map.of()).complete(request);

        // then
        assertThat(completion.content()).isEqualTo("Paris.");
        assertThat(completion.reasoning()).isEmpty();
    }

    @Test
    void should_fail_over_to_the_next_account_when_the_first_is_rate_limited() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a", "token-b");
        upstream.forAccount("token-a", Script.fail(() -> new UpstreamRateLimitedException(429, null, "limit")));
        upstream.forAccount("token-b", Script.answer("ok"));

        // when
        ChatCompletion completion = service(tokens, Map.of()).complete(ask("grok-3", "hi"));

        // then
        assertThat(completion.content()).isEqualTo("ok");
        assertThat(tokens.outcomes()).hasSize(2);
        assertThat(tokens.outcomes().get(0).error()).isInstanceOf(UpstreamRateLimitedException.class);
        assertThat(tokens.outcomes().get(1).success()).isTrue();
    }

    @Test
    void should_not_switch_accounts_when_grok_returns_a_cloudflare_challenge() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("token-a", "token-b");
        upstream.forAccount("token-a", Script.fail(() -> new CloudflareChallengeException(403, "html")));

        // when / then
        assertThatThrownBy(() -> service(tokens, Map.of()).complete(ask("grok-3", "hi")))
                .isInstanceOf(CloudflareChallengeException.class);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void should_stop_after_max_retry_further_accounts_and_report_the_last_failure() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("a", "b", "c", "d");
        for (String sso : List.of("a", "b", "c", "d")) {
            upstream.forAccount(sso, Script.fail(() -> new UpstreamUnavailableException(502, "down", null, null)));
        }

        // when / then
        assertThatThrownBy(() -> service(tokens, Map.of("grok.max_retry", 2)).complete(ask("grok-3", "hi")))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(upstream.calls()).extracting(c -> c.credential().sso()).containsExactly("a", "b", "c");
    }

    @Test
    void should_not_retry_a_status_removed_from_retry_status_codes() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("a", "b");
        upstream.forAccount("a", Script.fail(() -> new InvalidCredentialsException(401, "bad")));

        // when / then
        assertThatThrownBy(() -> service(tokens, Map.of("grok.retry_status_codes", List.of(429)))
                        .complete(ask("grok-3", "hi")))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void should_answer_429_rate_limit_exceeded_when_the_pool_is_empty() {
        assertThatThrownBy(() -> service(FakeTokenSelector.of(), Map.of()).complete(ask("grok-3", "hi")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
                });
    }

    @Test
    void should_treat_an_answer_without_content_as_an_error_and_try_another_account() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("a", "b");
        upstream.forAccount("a", Script.events(new GrokEvent.FinalResponse("r", "", List.of(), null, null)));
        upstream.forAccount("b", Script.answer("finally"));

        // when
        ChatCompletion completion = service(tokens, Map.of()).complete(ask("grok-3", "hi"));

        // then
        assertThat(completion.content()).isEqualTo("finally");
        assertThat(tokens.outcomes().get(0).error()).isInstanceOf(UpstreamStreamException.class);
    }

    @Test
    void should_end_a_started_stream_with_an_error_instead_of_retrying() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("a", "b");
        upstream.forAccount(
                "a",
                Script.eventsThenFail(
                        () -> UpstreamStreamException.truncated("reset"),
                        new GrokEvent.Token("Hel", false, null, "r")));
        RecordingListener listener = new RecordingListener();

        // when
        service(tokens, Map.of()).stream(ask("grok-3", "hi"), listener);

        // then
        assertThat(listener.events).containsExactly("start:r", "content:Hel", "error:upstream_stream_error");
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void should_stream_the_role_of_each_delta_in_order_and_complete() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.Token("think", true, "analysis", "r9"),
                new GrokEvent.Token("A", false, "final", "r9"),
                new GrokEvent.Token("B", false, "final", "r9"),
                new GrokEvent.ModelHash("fp"),
                new GrokEvent.FinalResponse("r9", "AB", List.of(), null, null)));
        RecordingListener listener = new RecordingListener();

        // when
        service(FakeTokenSelector.of("t"), Map.of()).stream(ask("grok-3-thinking", "hi"), listener);

        // then
        assertThat(listener.events)
                .containsExactly("start:r9", "reasoning:think", "content:A", "content:B", "complete:fp");
    }

    @Test
    void should_count_a_streams_usage_only_when_asked_and_report_the_account_once_the_answer_ended() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("t");
        upstream.enqueue(Script.answer("Hello", " there"));
        upstream.enqueue(Script.answer("Hello", " there"));
        List<Usage> usages = new ArrayList<>();
        List<Integer> outcomesAtTheEnd = new ArrayList<>();
        ChatStreamListener listener = new RecordingListener() {
            @Override
            public void onComplete(ChatStreamEnd end) {
                usages.add(end.usage());
                outcomesAtTheEnd.add(tokens.outcomes().size());
            }
        };
        ChatService chat = service(tokens, Map.of());
        List<ChatMessage> messages = List.of(ChatMessage.of(Role.USER, "hi"));

        // when
        chat.stream(new ChatRequest("grok-3", messages, null, null, false), listener);
        chat.stream(new ChatRequest("grok-3", messages, null, null, true), listener);

        // then
        assertThat(usages.get(0)).isEqualTo(Usage.ZERO);
        assertThat(usages.get(1).promptTokens()).isPositive();
        assertThat(usages.get(1).completionTokens()).isPositive();
        assertThat(outcomesAtTheEnd).containsExactly(0, 1);
        assertThat(tokens.outcomes()).hasSize(2).allMatch(FakeTokenSelector.Outcome::success);
    }

    @Test
    void should_map_in_band_rate_limit_errors_to_upstream_rate_limited() {
        // given
        FakeTokenSelector tokens = FakeTokenSelector.of("a");
        upstream.enqueue(Script.events(new GrokEvent.StreamError(8, "Too many requests")));

        // when / then
        assertThatThrownBy(() -> service(tokens, Map.of()).complete(ask("grok-3", "hi")))
                .isInstanceOf(UpstreamRateLimitedException.class);
    }

    @Test
    void should_render_tool_calls_sources_and_citation_cards_and_report_the_citations() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.ToolUsage("web_search", "capital of France"),
                new GrokEvent.SearchResults(List.of(new WebSource("https://a.example/paris", "Paris", "…"))),
                new GrokEvent.Card("c1", "render_inline_citation", "https://a.example/paris", null, null),
                new GrokEvent.Token("Paris.", false, "final", "r1"),
                new GrokEvent.Token(
                        "<grok:render card_id=\"c1\" type=\"render_inline_citation\"></grok:render>",
                        false,
                        "final",
                        "r1"),
                new GrokEvent.FinalResponse("r1", "Paris.", List.of(), null, null)));

        // when
        ChatCompletion completion =
                service(FakeTokenSelector.of("t"), Map.of()).complete(ask("grok-3-thinking", "capital?"));

        // then
        assertThat(completion.reasoning())
                .isEqualTo("\nSearching the web: capital of France\n\n- [Paris](https://a.example/paris)\n");
        assertThat(completion.content()).isEqualTo("Paris. [[1]](https://a.example/paris)");
        assertThat(completion.end().citations())
                .containsExactly(new UrlCitation("https://a.example/paris", "Paris", 7, 37));
    }

    @Test
    void should_link_generated_images_after_the_text_that_introduces_them() {
        // given
        upstream.enqueue(Script.events(
                new GrokEvent.GeneratedImage("users/u/generated/img-1/image.jpg"),
                new GrokEvent.Token("Here you go.", false, "final", "r1"),
                new GrokEvent.FinalResponse(
                        "r1", "Here you go.", List.of("users/u/generated/img-2/image.jpg"), null, null)));

        // when
        ChatCompletion completion =
                service(FakeTokenSelector.of("t"), Map.of()).complete(ask("grok-imagine-1.0", "a cat"));

        // then
        assertThat(completion.content())
                .isEqualTo(
                        "Here you go.\n![img-1](http://gateway.example/v1/files/image/users-u-generated-img-1-image.jpg)\n"
                                + "![img-2](http://gateway.example/v1/files/image/users-u-generated-img-2-image.jpg)\n");
        assertThat(upstream.otherCalls())
                .contains(
                        "download:users/u/generated/img-1/image.jpg:t", "download:users/u/generated/img-2/image.jpg:t");
    }

    @Test
    void should_upload_attachments_per_account_with_files_before_images() {
        // given
        upstream.enqueue(Script.answer("ok"));
        ChatRequest request = ChatRequest.of(
                "grok-4.1-fast",
                List.of(new ChatMessage(
                        Role.USER,
                        List.of(
                                new ContentPart.Text("look"),
                                new ContentPart.Image("data:image/png;base64,AQID"),
                                new ContentPart.File("bm90ZXM=", "notes.txt")))));

        // when
        service(FakeTokenSelector.of("t"), Map.of()).complete(request);

        // then
        assertThat(upstream.uploads()).extracting(FileUpload::fileName).containsExactly("notes.txt", "file.png");
        assertThat(upstream.calls().get(0).request().fileAttachments()).containsExactly("file-1", "file-2");
    }

    @Test
    void should_refuse_undecodable_attachments_with_a_400() {
        ChatRequest request = ChatRequest.of(
                "grok-4.1-fast",
                List.of(new ChatMessage(
                        Role.USER,
                        List.of(new ContentPart.Text("look"), new ContentPart.Image("data:image/png;base64,@@@")))));

        assertThatThrownBy(() -> service(FakeTokenSelector.of("t"), Map.of()).complete(request))
                .isInstanceOfSatisfying(Grok2ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_attachment");
                });
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void should_report_a_stream_without_final_response_as_truncated() {
        // given
        upstream.enqueue(Script.events(new GrokEvent.Token("Half an ans", false, "final", "r1")));

        // when / then
        assertThatThrownBy(() -> service(FakeTokenSelector.of("t"), Map.of("grok.max_retry", 0))
                        .complete(ask("grok-3", "hi")))
                .isInstanceOfSatisfying(
                        UpstreamStreamException.class, e -> assertThat(e.code()).isEqualTo("upstream_stream_error"));
    }

    private static class RecordingListener implements ChatStreamListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStart(ChatStreamStart start) {
            events.add("start:" + start.id());
        }

        @Override
        public void onDelta(ChatDelta delta) {
            events.add(
                    switch (delta) {
                        case ChatDelta.Content c -> "content:" + c.text();
                        case ChatDelta.Reasoning r -> "reasoning:" + r.text();
                    });
        }

        @Override
        public void onComplete(ChatStreamEnd end) {
            events.add("complete:" + end.systemFingerprint());
        }

        @Override
        public void onError(Grok2ApiException error) {
            events.add("error:" + error.code());
        }
    }
}
