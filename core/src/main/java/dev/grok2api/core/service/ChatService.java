package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
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
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelKind;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.video.VideoRequest;
import dev.grok2api.core.video.VideoResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
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
 * <p>Attachments are resolved once (decoded, or fetched from their URL) and uploaded anew for each account tried,
 * since Grok file ids belong to one account. Generated images and videos are cached through {@link MediaLinks} and
 * linked from the answer.
 *
 * <p>Thread-safe; each call runs on the caller's thread and blocks until the answer is complete.
 */
public final class ChatService {
    private static final System.Logger LOG = System.getLogger(ChatService.class.getName());

    private final ModelCatalog catalog;
    private final TokenSelector tokens;
    private final GrokUpstream upstream;
    private final AttachmentResolver attachments;
    private final MediaLinks media;
    private final SettingsSource settings;
    private final TokenCounter tokenCounter;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final VideoService video;

    /**
     * A chat service that serves the video model with a {@link VideoService} of its own.
     *
     * @param catalog the models served
     * @param tokens picks accounts and learns from outcomes
     * @param upstream Grok
     * @param attachments resolves attachments before upload
     * @param media caches and links generated media
     * @param settings the configuration in force
     * @param tokenCounter estimates usage figures
     * @param clock time source
     * @param random source of completion ids when Grok sends none
     */
    public ChatService(
            ModelCatalog catalog,
            TokenSelector tokens,
            GrokUpstream upstream,
            AttachmentResolver attachments,
            MediaLinks media,
            SettingsSource settings,
            TokenCounter tokenCounter,
            InstantSource clock,
            RandomGenerator random) {
        this(
                catalog,
                tokens,
                upstream,
                attachments,
                media,
                settings,
                tokenCounter,
                clock,
                random,
                new VideoService(catalog, tokens, upstream, media, settings));
    }

    /**
     * @param catalog the models served
     * @param tokens picks accounts and learns from outcomes
     * @param upstream Grok
     * @param attachments resolves attachments before upload
     * @param media caches and links generated media
     * @param settings the configuration in force
     * @param tokenCounter estimates usage figures
     * @param clock time source
     * @param random source of completion ids when Grok sends none
     * @param video serves the video model (shared with other video entry points, so they share its concurrency cap)
     */
    public ChatService(
            ModelCatalog catalog,
            TokenSelector tokens,
            GrokUpstream upstream,
            AttachmentResolver attachments,
            MediaLinks media,
            SettingsSource settings,
            TokenCounter tokenCounter,
            InstantSource clock,
            RandomGenerator random,
            VideoService video) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.media = Objects.requireNonNull(media, "media");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.video = Objects.requireNonNull(video, "video");
    }

    /**
     * Answers the request and streams the answer to {@code listener}. The end's {@link ChatStreamEnd#usage()} is
     * counted only when the request asks for it ({@link ChatRequest#includeUsage()}); otherwise it is {@link
     * Usage#ZERO}, since counting costs time right before the end of the answer reaches the client.
     *
     * @throws Grok2ApiException when the request fails before anything was streamed (invalid request, no account,
     *     upstream failure on every attempt). Failures after the first delta go to {@link
     *     ChatStreamListener#onError} instead.
     * @throws RuntimeException whatever the listener throws (e.g. the client went away); the upstream call is
     *     cancelled first
     */
    public void stream(ChatRequest request, ChatStreamListener listener) {
        stream(request, listener, Cancellation.create());
    }

    /**
     * Like {@link #stream(ChatRequest, ChatStreamListener)}, abandoning the work when {@code cancellation} is
     * cancelled (the client went away): the upstream call is aborted at once.
     *
     * @throws CancellationException when cancelled; the listener gets no further calls
     */
    public void stream(ChatRequest request, ChatStreamListener listener, Cancellation cancellation) {
        run(
                request,
                new LiveAttempt(Objects.requireNonNull(listener, "listener"), request.includeUsage()),
                cancellation);
    }

    /**
     * Answers the request and returns the whole answer. Failover is possible until the answer is complete, since
     * nothing reaches the client before.
     *
     * @throws Grok2ApiException when the request cannot be answered
     */
    public ChatCompletion complete(ChatRequest request) {
        return complete(request, Cancellation.create());
    }

    /**
     * Like {@link #complete(ChatRequest)}, abandoning the work when {@code cancellation} is cancelled.
     *
     * @throws CancellationException when cancelled
     */
    public ChatCompletion complete(ChatRequest request, Cancellation cancellation) {
        Collector collector = new Collector();
        run(request, collector, cancellation);
        return collector.completion();
    }

    private void run(ChatRequest request, Attempts attempts, Cancellation cancellation) {
        ModelSpec model = catalog.requireForRequest(request.model());
        FlattenedPrompt prompt = PromptFlattener.flatten(request.messages());
        GrokSettings grok = settings.current().grok();
        boolean showThinking = request.thinking() != null ? request.thinking() : grok.thinking();
        if (model.kind() == ModelKind.VIDEO) {
            runVideo(request, model, prompt, showThinking, attempts, cancellation);
            return;
        }
        List<FileUpload> files = attachments.resolve(prompt.attachments());
        ConversationRequest conversation =
                ConversationRequest.chat(model.upstreamModel(), model.upstreamMode(), prompt.message());
        Instant created = clock.instant();

        String conversationKey = PromptFlattener.conversationKey(request.messages());
        Set<String> tried = new HashSet<>();
        Grok2ApiException lastFailure = null;
        for (int attempt = 0; attempt <= grok.maxRetry(); attempt++) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("the client went away");
            }
            Optional<TokenLease> acquired = tokens.acquire(new TokenRequest(model, tried, conversationKey));
            if (acquired.isEmpty()) {
                throw lastFailure != null ? lastFailure : RateLimitException.noTokenAvailable();
            }
            TokenLease lease = acquired.get();
            tried.add(lease.token().token());
            attempts.begin(new ChatStreamStart(newId(), model.id(), created));
            AnswerTranslator translator = new AnswerTranslator(
                    showThinking,
                    grok.thinkingFormat(),
                    grok.filterTags(),
                    new LinkedMedia(lease.credential(), grok.videoPosterPreview()),
                    (responseId, delta) -> {
                        attempts.adoptId(responseId);
                        attempts.delta(delta);
                    });
            try {
                ConversationRequest asked = files.isEmpty()
                        ? conversation
                        : conversation.withFileAttachments(upload(files, lease.credential()));
                upstream.chat(asked, lease.credential(), cancellation, new GrokEventSink() {
                    @Override
                    public void accept(GrokEvent event) {
                        translator.accept(event);
                    }

                    @Override
                    public void idle() {
                        attempts.idle();
                    }
                });
                translator.finish();
            } catch (ListenerFailure failure) {
                // The client went away or its sink broke: the account did its job.
                tokens.reportSuccess(lease);
                throw failure.getCause();
            } catch (CancellationException cancelled) {
                tokens.reportSuccess(lease);
                throw cancelled;
            } catch (Grok2ApiException error) {
                tokens.reportFailure(lease, error);
                if (attempts.committed()) {
                    attempts.fail(error);
                    return;
                }
                if (!AccountFailover.worthAnotherAccount(error, grok)) {
                    throw error;
                }
                lastFailure = error;
                continue;
            }
            attempts.adoptId(translator.responseId());
            Usage usage = attempts.wantsUsage() ? usage(prompt, translator) : Usage.ZERO;
            try {
                attempts.complete(
                        new ChatStreamEnd(FinishReason.STOP, translator.fingerprint(), usage, translator.citations()));
            } finally {
                // Recorded once the answer is out, so the store write does not hold up its end; the account did its
                // job even if the client left during the last chunk.
                tokens.reportSuccess(lease);
            }
            return;
        }
        throw lastFailure;
    }

    /** Counting tokens takes time right before the end of the answer, so it is done only when someone reads it. */
    private Usage usage(FlattenedPrompt prompt, AnswerTranslator translator) {
        int reasoning = tokenCounter.count(translator.reasoning());
        return new Usage(
                tokenCounter.count(prompt.message()), tokenCounter.count(translator.answer()) + reasoning, reasoning);
    }

    private List<String> upload(List<FileUpload> files, SsoCredential credential) {
        List<String> ids = new ArrayList<>(files.size());
        for (FileUpload file : files) {
            ids.add(upstream.upload(file, credential).fileMetadataId());
        }
        return ids;
    }

    /**
     * The video model: progress as reasoning, then the video as HTML ({@code <video>}, or a poster link with {@code
     * grok.video_poster_preview}), rendered like any other answer.
     */
    private void runVideo(
            ChatRequest request,
            ModelSpec model,
            FlattenedPrompt prompt,
            boolean showThinking,
            Attempts attempts,
            Cancellation cancellation) {
        VideoRequest videoRequest = VideoService.fromChat(prompt, request.videoConfig(), attachments);
        GrokSettings grok = settings.current().grok();
        attempts.begin(new ChatStreamStart(newId(), model.id(), clock.instant()));
        String[] html = new String[1];
        AnswerTranslator translator = new AnswerTranslator(
                showThinking,
                grok.thinkingFormat(),
                List.of(),
                new AnswerTranslator.Media() {
                    @Override
                    public String image(String assetPath) {
                        return "";
                    }

                    @Override
                    public String video(String videoPath, String posterPath) {
                        return html[0];
                    }
                },
                (responseId, delta) -> attempts.delta(delta));
        VideoResult result;
        try {
            result = video.generate(
                    videoRequest,
                    percent -> translator.accept(new GrokEvent.VideoProgress(percent, null, null, false)),
                    cancellation);
        } catch (ListenerFailure failure) {
            throw failure.getCause();
        } catch (Grok2ApiException error) {
            if (!attempts.committed()) {
                throw error;
            }
            attempts.fail(error);
            return;
        }
        html[0] = videoHtml(
                media.url(result.video()),
                result.poster() == null ? null : media.url(result.poster()),
                grok.videoPosterPreview());
        translator.accept(new GrokEvent.VideoProgress(100, result.video().name(), null, false));
        translator.finish();
        attempts.adoptId(result.responseId());
        attempts.complete(new ChatStreamEnd(
                FinishReason.STOP,
                "",
                attempts.wantsUsage()
                        ? new Usage(tokenCounter.count(prompt.message()), 0, tokenCounter.count(translator.reasoning()))
                        : Usage.ZERO,
                List.of()));
    }

    /** A video as the reference renders it: a {@code <video>} tag, or a clickable poster with {@code posterPreview}. */
    static String videoHtml(String video, String poster, boolean posterPreview) {
        if (posterPreview && poster != null) {
            return "<a href=\"" + video + "\" target=\"_blank\"><img src=\"" + poster
                    + "\" alt=\"video\" style=\"max-width:100%\"></a>";
        }
        return "<video id=\"video\" controls=\"\" preload=\"none\""
                + (poster == null ? "" : " poster=\"" + poster + "\"") + ">\n  <source id=\"mp4\" src=\""
                + video + "\" type=\"video/mp4\">\n</video>";
    }

    /** Renders generated media as links to the local cache, downloading as the answering account. */
    private final class LinkedMedia implements AnswerTranslator.Media {
        private final SsoCredential credential;
        private final boolean posterPreview;

        LinkedMedia(SsoCredential credential, boolean posterPreview) {
            this.credential = credential;
            this.posterPreview = posterPreview;
        }

        @Override
        public String image(String assetPath) {
            String id = imageId(assetPath);
            try {
                return "![" + id + "](" + media.link(MediaKind.IMAGE, assetPath, credential) + ")";
            } catch (RuntimeException e) {
                return unavailable("image " + id, e);
            }
        }

        @Override
        public String video(String videoPath, String posterPath) {
            String video;
            String poster = null;
            try {
                video = media.link(MediaKind.VIDEO, videoPath, credential);
                if (posterPath != null) {
                    poster = media.link(MediaKind.IMAGE, posterPath, credential);
                }
            } catch (RuntimeException e) {
                return unavailable("the video", e);
            }
            return videoHtml(video, poster, posterPreview);
        }

        private static String unavailable(String what, RuntimeException e) {
            String reason = e instanceof Grok2ApiException g ? g.publicMessage() : e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "Could not cache " + what + ": " + e);
            return "(" + what + " was generated but could not be downloaded from Grok: " + reason + ")";
        }
    }

    /** The image id of an asset path: its second-to-last segment ({@code users/u/generated/<id>/image.jpg}). */
    static String imageId(String assetPath) {
        String[] segments = assetPath.split("/");
        return segments.length >= 2 ? segments[segments.length - 2] : "image";
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

        /** Nothing more is immediately available from Grok. */
        default void idle() {}

        boolean committed();

        /** Whether the end's usage is read at all. */
        boolean wantsUsage();

        void complete(ChatStreamEnd end);

        void fail(Grok2ApiException error);
    }

    /** Streams to the client, committing at the first delta. */
    private static final class LiveAttempt implements Attempts {
        private final ChatStreamListener listener;
        private final boolean includeUsage;
        private ChatStreamStart start;
        private boolean committed;

        LiveAttempt(ChatStreamListener listener, boolean includeUsage) {
            this.listener = listener;
            this.includeUsage = includeUsage;
        }

        @Override
        public boolean wantsUsage() {
            return includeUsage;
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
        public void idle() {
            if (committed) {
                try {
                    listener.onIdle();
                } catch (RuntimeException e) {
                    throw new ListenerFailure(e);
                }
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
        public boolean wantsUsage() {
            return true;
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
