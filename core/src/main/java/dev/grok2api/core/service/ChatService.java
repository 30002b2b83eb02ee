package dev.grok2api.core.service;

import dev.grok2api.core.chat.ChatCompletion;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatRequest;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.chat.FinishReason;
import dev.grok2api.core.chat.TokenCounter;
import dev.grok2api.core.chat.Usage;
import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelKind;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.upstream.ConversationRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The chat use case: validates the model, flattens the conversation, picks a Grok account, calls Grok and delivers
 * the answer — streamed to a {@link ChatStreamListener} or collected into a {@link ChatCompletion}.
 *
 * <p>Failover: a retriable failure (see {@link Grok2ApiException#retriable()} and {@code grok.retry_status_codes})
 * makes the service try another account, up to {@code grok.max_retry} more times, but only while nothing has reached
 * the client. A streamed answer is committed at its first delta; after that a failure ends the stream through {@link
 * ChatStreamListener#onError}. Every attempt's outcome is reported to the {@link TokenSelector}.
 *
 * <p>Thread-safe; each call runs on the caller's thread and blocks until the answer is complete.
 */
public final class ChatService {
    private final ModelCatalog catalog;
    private final TokenSelector tokens;
    private final GrokUpstream upstream;
    private final SettingsSource settings;
    private final TokenCounter tokenCounter;
    private final InstantSource clock;
    private final RandomGenerator random;

    /**
     * @param catalog the models served
     * @param tokens picks accounts and learns from outcomes
     * @param upstream Grok
     * @param settings the configuration in force
     * @param tokenCounter estimates usage figures
     * @param clock time source
     * @param random source of completion ids when Grok sends none
     */
    public ChatService(
            ModelCatalog catalog,
            TokenSelector tokens,
            GrokUpstream upstream,
            SettingsSource settings,
            TokenCounter tokenCounter,
            InstantSource clock,
            RandomGenerator random) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Answers the request and streams the answer to {@code listener}.
     *
     * @throws Grok2ApiException when the request fails before anything was streamed (invalid request, no account,
     *     upstream failure on every attempt). Failures after the first delta go to {@link
     *     ChatStreamListener#onError} instead.
     * @throws RuntimeException whatever the listener throws (e.g. the client went away); the upstream call is
     *     cancelled first
     */
    public void stream(ChatRequest request, ChatStreamListener listener) {
        run(request, new LiveAttempt(Objects.requireNonNull(listener, "listener")));
    }

    /**
     * Answers the request and returns the whole answer. Failover is possible until the answer is complete, since
     * nothing reaches the client before.
     *
     * @throws Grok2ApiException when the request cannot be answered
     */
    public ChatCompletion complete(ChatRequest request) {
        Collector collector = new Collector();
        run(request, collector);
        return collector.completion();
    }

    private void run(ChatRequest request, Attempts attempts) {
        ModelSpec model = catalog.requireForRequest(request.model());
        if (model.kind() == ModelKind.VIDEO) {
            throw new InvalidRequestException(
                    "model_not_supported",
                    "model",
                    "Video generation through chat is not available in this build; use a chat or image model.");
        }
        FlattenedPrompt prompt = PromptFlattener.flatten(request.messages());
        if (!prompt.attachments().isEmpty()) {
            throw new InvalidRequestException(
                    "attachments_not_supported",
                    "messages",
                    "Attachments (image_url, input_audio, file) are not supported by this build yet; send text"
                            + " only.");
        }
        GrokSettings grok = settings.current().grok();
        boolean showThinking = request.thinking() != null ? request.thinking() : grok.thinking();
        ConversationRequest conversation =
                ConversationRequest.chat(model.upstreamModel(), model.upstreamMode(), prompt.message());
        Instant created = clock.instant();
        int promptTokens = tokenCounter.count(prompt.message());

        String conversationKey = PromptFlattener.conversationKey(request.messages());
        Set<String> tried = new HashSet<>();
        Grok2ApiException lastFailure = null;
        for (int attempt = 0; attempt <= grok.maxRetry(); attempt++) {
            Optional<TokenLease> acquired = tokens.acquire(new TokenRequest(model, tried, conversationKey));
            if (acquired.isEmpty()) {
                throw lastFailure != null ? lastFailure : RateLimitException.noTokenAvailable();
            }
            TokenLease lease = acquired.get();
            tried.add(lease.token().token());
            attempts.begin(new ChatStreamStart(newId(), model.id(), created));
            AnswerTranslator translator = new AnswerTranslator(
                    showThinking, grok.thinkingFormat(), grok.filterTags(), (responseId, delta) -> {
                        attempts.adoptId(responseId);
                        attempts.delta(delta);
                    });
            try {
                upstream.chat(conversation, lease.credential(), translator::accept);
                translator.finish();
            } catch (ListenerFailure failure) {
                // The client went away or its sink broke: the account did its job.
                tokens.reportSuccess(lease);
                throw failure.getCause();
            } catch (Grok2ApiException error) {
                tokens.reportFailure(lease, error);
                if (attempts.committed()) {
                    attempts.fail(error);
                    return;
                }
                if (!worthAnotherAccount(error, grok)) {
                    throw error;
                }
                lastFailure = error;
                continue;
            }
            tokens.reportSuccess(lease);
            attempts.adoptId(translator.responseId());
            Usage usage = new Usage(
                    promptTokens,
                    tokenCounter.count(translator.answer()) + tokenCounter.count(translator.reasoning()),
                    tokenCounter.count(translator.reasoning()));
            attempts.complete(new ChatStreamEnd(FinishReason.STOP, translator.fingerprint(), usage));
            return;
        }
        throw lastFailure;
    }

    private static boolean worthAnotherAccount(Grok2ApiException error, GrokSettings grok) {
        if (!error.retriable()) {
            return false;
        }
        if (error instanceof UpstreamException upstreamError) {
            int status = upstreamError.upstreamStatus();
            return status < 400 || status >= 500 || grok.retryStatusCodes().contains(status);
        }
        return true;
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "chatcmpl-" + HexFormat.of().formatHex(bytes);
    }

    /** Where one request's attempts deliver their output. */
    private interface Attempts {
        /** A new attempt starts; its provisional identity. */
        void begin(ChatStreamStart start);

        /** Grok's response id became known; adopt it as the completion id if nothing was committed yet. */
        void adoptId(String responseId);

        void delta(ChatDelta delta);

        boolean committed();

        void complete(ChatStreamEnd end);

        void fail(Grok2ApiException error);
    }

    /** Streams to the client, committing at the first delta. */
    private static final class LiveAttempt implements Attempts {
        private final ChatStreamListener listener;
        private ChatStreamStart start;
        private boolean committed;

        LiveAttempt(ChatStreamListener listener) {
            this.listener = listener;
        }

        @Override
        public void begin(ChatStreamStart newStart) {
            if (!committed) {
                start = newStart;
            }
        }

        @Override
        public void adoptId(String responseId) {
            if (!committed && responseId != null && !responseId.equals(start.id())) {
                start = new ChatStreamStart(responseId, start.model(), start.created());
            }
        }

        @Override
        public void delta(ChatDelta delta) {
            try {
                if (!committed) {
                    committed = true;
                    listener.onStart(start);
                }
                listener.onDelta(delta);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }

        @Override
        public boolean committed() {
            return committed;
        }

        @Override
        public void complete(ChatStreamEnd end) {
            if (!committed) {
                committed = true;
                listener.onStart(start);
            }
            listener.onComplete(end);
        }

        @Override
        public void fail(Grok2ApiException error) {
            listener.onError(error);
        }
    }

    /** Buffers each attempt and keeps only the successful one. */
    private static final class Collector implements Attempts {
        private ChatStreamStart start;
        private StringBuilder content = new StringBuilder();
        private StringBuilder reasoning = new StringBuilder();
        private ChatStreamEnd end;

        @Override
        public void begin(ChatStreamStart newStart) {
            start = newStart;
            content = new StringBuilder();
            reasoning = new StringBuilder();
        }

        @Override
        public void adoptId(String responseId) {
            if (responseId != null && !responseId.equals(start.id())) {
                start = new ChatStreamStart(responseId, start.model(), start.created());
            }
        }

        @Override
        public void delta(ChatDelta delta) {
            switch (delta) {
                case ChatDelta.Content c -> content.append(c.text());
                case ChatDelta.Reasoning r -> reasoning.append(r.text());
            }
        }

        @Override
        public boolean committed() {
            return false;
        }

        @Override
        public void complete(ChatStreamEnd newEnd) {
            end = newEnd;
        }

        @Override
        public void fail(Grok2ApiException error) {
            throw error;
        }

        ChatCompletion completion() {
            return new ChatCompletion(
                    start.id(), start.model(), start.created(), content.toString(), reasoning.toString(), end);
        }
    }

    /** Carries a listener's exception through the upstream call so it is not mistaken for an upstream failure. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
