package dev.grok2api.server.javalin.video;

import dev.grok2api.core.accounting.RequestAccounting;
import dev.grok2api.core.chat.VideoConfig;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.image.AspectRatio;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.service.Attachment;
import dev.grok2api.core.service.AttachmentResolver;
import dev.grok2api.core.service.MediaLinks;
import dev.grok2api.core.service.VideoJobs;
import dev.grok2api.core.service.VideoService;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.usage.UsagePlan;
import dev.grok2api.core.video.VideoJob;
import dev.grok2api.core.video.VideoOptions;
import dev.grok2api.core.video.VideoRequest;
import dev.grok2api.server.javalin.http.HttpAccounting;
import dev.grok2api.server.javalin.json.JsonCodec;
import dev.grok2api.server.javalin.media.MediaRoutes;
import dev.grok2api.server.javalin.openai.OpenAiErrors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI-style video jobs for clients that submit and poll, over the same {@link VideoService} as chat:
 *
 * <ul>
 *   <li>{@code POST /v1/videos} (JSON or multipart): {@code prompt}, {@code model} ({@value VideoService#MODEL}, the
 *       default), {@code seconds} (5–15), {@code size} (e.g. {@code 1280x720}, for the aspect ratio) or {@code
 *       aspect_ratio}, {@code resolution} ({@code SD}/{@code HD}), {@code preset}, or all of them in {@code
 *       video_config} as in chat; an image to animate as the file {@code input_reference} or as {@code image_url} (a
 *       URL or {@code data:} URI). Charged one video against the key's daily quota at submission, refunded if the job
 *       fails; the job holds one of the key's concurrent slots while it runs, and the request log and statistics
 *       record it when it ends, with its outcome. Answers the video object with {@code status: queued}.
 *   <li>{@code GET /v1/videos/{id}} (optional {@code wait=<seconds>}, up to a minute, to hold the answer until the
 *       job ended instead of polling): the video object — {@code status} ({@code queued}, {@code in_progress}, {@code
 *       completed}, {@code failed}), {@code progress}, {@code error}, and once completed {@code url} and {@code
 *       thumbnail_url} (the media cache).
 *   <li>{@code GET /v1/videos/{id}/content} ({@code variant=video|thumbnail}): the mp4 (or poster), with byte ranges.
 * </ul>
 */
public final class VideoRoutes {
    /** Longest a status request may wait for the job to end. */
    static final long MAX_WAIT_SECONDS = 60;

    private final ModelCatalog catalog;
    private final VideoJobs jobs;
    private final AttachmentResolver attachments;
    private final MediaLinks media;
    private final HttpAccounting accounting;

    public VideoRoutes(
            ModelCatalog catalog,
            VideoJobs jobs,
            AttachmentResolver attachments,
            MediaLinks media,
            HttpAccounting accounting) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.attachments = attachments;
        this.media = media;
        this.accounting = accounting;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/videos", this::create);
        routes.get("/v1/videos/{id}", this::status);
        routes.get("/v1/videos/{id}/content", this::content);
    }

    private void create(Context ctx) {
        Map<String, Object> fields = fields(ctx);
        Object model = fields.get("model");
        if (model instanceof String m && !m.isBlank() && !m.trim().equals(VideoService.MODEL)) {
            throw new InvalidRequestException(
                    "model_not_supported", "model", "The model `" + VideoService.MODEL + "` is required for videos.");
        }
        VideoRequest request = request(ctx, fields);
        ModelSpec spec = catalog.requireForRequest(VideoService.MODEL);
        accounting.run(ctx, spec, UsagePlan.chat(spec), accounted -> {
            // The request ends with the job: its outcome is what the statistics, the log and a refund go by.
            RequestAccounting.Deferred end = accounted.defer();
            VideoJob job = jobs.submit(request, new VideoJobs.Hooks() {
                @Override
                public Runnable around(Runnable work) {
                    return end.bind(work);
                }

                @Override
                public void ended(VideoJob ended) {
                    end.ended(ended.error());
                }
            });
            accounted.answered();
            ctx.json(view(job));
        });
    }

    /** The request's fields: the JSON body, or the form fields of a multipart body. */
    private static Map<String, Object> fields(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            return JsonCodec.parseObject(ctx.body());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return fields;
    }

    private VideoRequest request(Context ctx, Map<String, Object> fields) {
        Map<?, ?> config = fields.get("video_config") instanceof Map<?, ?> m ? m : Map.of();
        String ratio = text(config.get("aspect_ratio"), text(fields.get("aspect_ratio"), null));
        String size = text(fields.get("size"), null);
        if (ratio == null && size != null) {
            ratio = AspectRatio.fromSize(size);
        }
        VideoOptions options = VideoOptions.from(new VideoConfig(
                ratio,
                seconds(config.get("video_length") != null ? config.get("video_length") : fields.get("seconds")),
                text(config.get("resolution"), text(fields.get("resolution"), null)),
                text(config.get("preset"), text(fields.get("preset"), null))));
        String prompt = text(fields.get("prompt"), "");
        FileUpload image = image(ctx, fields);
        if (prompt.isBlank() && image == null) {
            throw new InvalidRequestException(
                    "empty_prompt", "prompt", "Describe the video in 'prompt', or send an image to animate.");
        }
        return new VideoRequest(prompt, image, options);
    }

    private FileUpload image(Context ctx, Map<String, Object> fields) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("input_reference") : null;
        if (file != null) {
            String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("image/")) {
                throw new InvalidRequestException(
                        "invalid_image_type", "input_reference", "input_reference must be an image (png, jpg, webp).");
            }
            try (InputStream in = file.content()) {
                return new FileUpload(file.filename() == null ? "image" : file.filename(), type, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Object url = fields.get("image_url");
        if (url instanceof Map<?, ?> m) {
            url = m.get("url");
        }
        if (url instanceof String reference && !reference.isBlank()) {
            return attachments
                    .resolve(List.of(new Attachment(Attachment.Kind.IMAGE, reference, null)))
                    .get(0);
        }
        return null;
    }

    private static Integer seconds(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.doubleValue()));
        }
        if (value instanceof String s && s.trim().matches("\\d{1,6}")) {
            return Integer.parseInt(s.trim());
        }
        throw new InvalidRequestException(
                "invalid_video_length", "seconds", "seconds must be a whole number between 5 and 15.");
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s.trim() : fallback;
    }

    /** The job; {@code wait=<seconds>} (at most {@value #MAX_WAIT_SECONDS}) holds the answer until the job ended. */
    private void status(Context ctx) throws InterruptedException {
        String wait = ctx.queryParam("wait");
        String id = ctx.pathParam("id");
        if (wait == null || wait.isBlank()) {
            ctx.json(view(jobs.require(id)));
            return;
        }
        long seconds;
        try {
            seconds = Math.clamp(Long.parseLong(wait.trim()), 0, MAX_WAIT_SECONDS);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("int_parsing", "wait", "wait must be a whole number of seconds.");
        }
        ctx.json(view(jobs.await(id, Duration.ofSeconds(seconds))));
    }

    private void content(Context ctx) {
        VideoJob job = jobs.require(ctx.pathParam("id"));
        if (job.state() != VideoJob.State.COMPLETED) {
            throw new InvalidRequestException(
                    "video_not_ready",
                    "id",
                    "The video is " + job.state().wireName() + "; its content is available once completed.");
        }
        String variant = ctx.queryParam("variant");
        StoredMedia file = "thumbnail".equals(variant)
                ? job.result().poster()
                : job.result().video();
        if (file == null) {
            throw new InvalidRequestException("no_thumbnail", "variant", "Grok sent no thumbnail for this video.");
        }
        MediaRoutes.send(ctx, media.cache(), file);
    }

    private Map<String, Object> view(VideoJob job) {
        VideoOptions options = job.request().options();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("object", "video");
        view.put("model", VideoService.MODEL);
        view.put("status", job.state().wireName());
        view.put("progress", job.progress());
        view.put("created_at", job.createdAt().getEpochSecond());
        view.put(
                "completed_at",
                job.completedAt() == null ? null : job.completedAt().getEpochSecond());
        view.put("expires_at", null);
        view.put("seconds", Integer.toString(options.lengthSeconds()));
        view.put("aspect_ratio", options.aspectRatio());
        view.put("resolution", options.resolution());
        view.put("quality", "standard");
        view.put("prompt", job.request().prompt());
        view.put("remixed_from_video_id", null);
        if (job.error() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", job.error().code());
            error.put("message", job.error().publicMessage());
            error.put("type", OpenAiErrors.type(job.error().category()));
            view.put("error", error);
        } else {
            view.put("error", null);
        }
        if (job.result() != null) {
            view.put("url", media.url(job.result().video()));
            view.put(
                    "thumbnail_url",
                    job.result().poster() == null
                            ? null
                            : media.url(job.result().poster()));
        }
        return view;
    }
}
