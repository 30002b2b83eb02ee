package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.chat.VideoConfig;
import dev.grok2api.core.config.MediaSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.UploadedFile;
import dev.grok2api.core.video.VideoOptions;
import dev.grok2api.core.video.VideoProgressListener;
import dev.grok2api.core.video.VideoRequest;
import dev.grok2api.core.video.VideoResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The video generation use case: creates Grok's media post (text to video, or image to video from an uploaded
 * image), asks for the video in a chat call, reports its progress, checks that what Grok delivers is the video it
 * generated, and caches the video and its poster (downloaded as the account that generated them).
 *
 * <p>At most {@code performance.media_max_concurrent} generations run at once; more wait. A generation moves to
 * another account after a retriable failure, but only before any progress was reported.
 *
 * <p>What counts as failure, never as success: a moderated video, a stream that ends without a video, a placeholder
 * instead of a video path, a video whose path does not carry the id of the video Grok reported generating (Grok
 * sometimes answers with an unrelated demo video), and a video that cannot be downloaded.
 *
 * <p>Thread-safe; {@link #generate} blocks until the video is cached.
 */
public final class VideoService {
    /** The video model. */
    public static final String MODEL = "grok-imagine-1.0-video";

    private final ModelSpec model;
    private final AccountFailover failover;
    private final GrokUpstream upstream;
    private final MediaLinks media;
    private final SettingsSource settings;
    private final ConcurrencyLimit slots;

    /**
     * @param catalog the models served (for the video model's account tier and quota bucket)
     * @param tokens picks accounts and learns from outcomes
     * @param upstream Grok
     * @param media caches the video and its poster
     * @param settings the configuration in force
     */
    public VideoService(
            ModelCatalog catalog,
            TokenSelector tokens,
            GrokUpstream upstream,
            MediaLinks media,
            SettingsSource settings) {
        this.model = catalog.requireForRequest(MODEL);
        this.failover = new AccountFailover(tokens, settings);
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.media = Objects.requireNonNull(media, "media");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slots = new ConcurrencyLimit(
                () -> MediaSettings.of(settings.current()).mediaMaxConcurrent(), "a media generation");
    }

    /**
     * Generates the video.
     *
     * @param listener receives progress (0..100) as Grok reports it
     * @throws dev.grok2api.core.error.Grok2ApiException when no account is available, Grok fails, moderates the
     *     video or delivers something else than the video
     * @throws java.util.concurrent.CancellationException when cancelled
     * @throws RuntimeException whatever the listener throws
     */
    public VideoResult generate(VideoRequest request, VideoProgressListener listener, Cancellation cancellation) {
        Objects.requireNonNull(listener, "listener");
        return slots.run(cancellation, () -> {
            Attempt attempt = new Attempt(request, listener, cancellation);
            return failover.run(model, failover.acquire(model), cancellation, () -> attempt.reported, attempt::run);
        });
    }

    /**
     * The video request of a chat: options validated, the flattened text as prompt, the first image animated.
     *
     * @throws InvalidRequestException for invalid options, {@code input_audio} or {@code file} content, or nothing
     *     to film
     */
    static VideoRequest fromChat(FlattenedPrompt prompt, VideoConfig config, AttachmentResolver attachments) {
        VideoOptions options = VideoOptions.from(config);
        Attachment image = null;
        for (Attachment attachment : prompt.attachments()) {
            if (attachment.kind() != Attachment.Kind.IMAGE) {
                String type = attachment.kind() == Attachment.Kind.AUDIO ? "input_audio" : "file";
                throw new InvalidRequestException(
                        "invalid_value",
                        "messages",
                        "The video model does not accept " + type + " content: send text and at most one image_url"
                                + " (the first image is animated).");
            }
            if (image == null) {
                image = attachment;
            }
        }
        FileUpload upload =
                image == null ? null : attachments.resolve(List.of(image)).get(0);
        if (prompt.message().isBlank() && upload == null) {
            throw new InvalidRequestException(
                    "empty_content", "messages", "Describe the video to generate, or attach an image to animate.");
        }
        return new VideoRequest(prompt.message(), upload, options);
    }

    /** The asset URL of an upload, for Grok's media post. */
    private String assetUrl(UploadedFile file) {
        return settings.current().grok().assetsUrl() + "/" + file.fileUri();
    }

    /** One attempt as one account; {@link #reported} once progress reached the listener. */
    private final class Attempt {
        final VideoRequest request;
        final VideoProgressListener listener;
        final Cancellation cancellation;
        volatile boolean reported;

        Attempt(VideoRequest request, VideoProgressListener listener, Cancellation cancellation) {
            this.request = request;
            this.listener = listener;
            this.cancellation = cancellation;
        }

        VideoResult run(TokenLease lease) {
            MediaPostRequest post = request.image() == null
                    ? MediaPostRequest.video(request.prompt())
                    : MediaPostRequest.image(assetUrl(upstream.upload(request.image(), lease.credential())));
            String postId = upstream.createMediaPost(post, lease.credential());
            Outcome outcome = new Outcome();
            upstream.chat(conversation(postId), lease.credential(), cancellation, event -> outcome.accept(event));
            GrokEvent.VideoProgress done = outcome.finished();
            StoredMedia video = media.cache(MediaKind.VIDEO, done.videoUrl(), lease.credential());
            StoredMedia poster = null;
            if (done.thumbnailUrl() != null) {
                try {
                    poster = media.cache(MediaKind.IMAGE, done.thumbnailUrl(), lease.credential());
                } catch (RuntimeException e) {
                    // The video stands on its own; it is shown without a poster.
                    poster = null;
                }
            }
            return new VideoResult(video, poster, outcome.responseId);
        }

        ConversationRequest conversation(String postId) {
            VideoOptions options = request.options();
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("parentPostId", postId);
            config.put("aspectRatio", options.aspectRatio());
            config.put("videoLength", options.lengthSeconds());
            config.put("videoResolution", options.resolution());
            String prompt = request.prompt().isBlank() ? "" : request.prompt() + " ";
            return new ConversationRequest(
                    model.upstreamModel(),
                    null,
                    prompt + options.modeFlag(),
                    List.of(),
                    Map.of("videoGen", true),
                    Map.of("videoGenModelConfig", config));
        }

        /** What the answer stream said so far. */
        final class Outcome {
            String responseId;
            String videoId;
            int progress = -1;
            GrokEvent.VideoProgress result;

            void accept(GrokEvent event) {
                switch (event) {
                    case GrokEvent.VideoProgress video -> onVideo(video);
                    case GrokEvent.Token token when responseId == null -> responseId = token.responseId();
                    case GrokEvent.FinalResponse response -> {
                        responseId = responseId == null ? response.responseId() : responseId;
                        if (response.error() != null) {
                            throw AnswerTranslator.classify(0, response.error());
                        }
                    }
                    case GrokEvent.StreamError error -> throw AnswerTranslator.classify(error.code(), error.message());
                    default -> {
                        // Text and metadata around the video carry nothing needed.
                    }
                }
            }

            void onVideo(GrokEvent.VideoProgress video) {
                if (video.moderated()) {
                    throw new ContentModeratedException("video moderated");
                }
                if (video.videoId() != null) {
                    if (videoId != null && !videoId.equals(video.videoId())) {
                        throw UpstreamStreamException.invalidResult(
                                "Grok switched to another video while generating; the result is not the requested"
                                        + " video. Retry the request.",
                                "video id " + videoId + " then " + video.videoId());
                    }
                    videoId = video.videoId();
                }
                if (video.progress() != progress) {
                    progress = video.progress();
                    reported = true;
                    listener.onProgress(progress);
                }
                if (video.videoUrl() != null) {
                    result = video;
                }
            }

            /** The final video frame, checked. */
            GrokEvent.VideoProgress finished() {
                if (result == null) {
                    throw progress < 0
                            ? UpstreamStreamException.empty()
                            : UpstreamStreamException.truncated(
                                    "video stream ended at " + progress + "% without a video");
                }
                String path = result.videoUrl().strip();
                if (path.isEmpty() || path.equals("/") || path.endsWith("/")) {
                    throw UpstreamStreamException.invalidResult(
                            "Grok answered with a placeholder instead of the generated video. Retry the request.",
                            "video url '" + path + "'");
                }
                if (videoId != null && !path.contains(videoId)) {
                    throw UpstreamStreamException.invalidResult(
                            "Grok delivered a video that is not the one it generated (a placeholder or an unrelated"
                                    + " video). Retry the request.",
                            "video id " + videoId + ", url " + path);
                }
                return result;
            }
        }
    }
}
