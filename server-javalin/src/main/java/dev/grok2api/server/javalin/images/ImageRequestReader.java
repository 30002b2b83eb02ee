package dev.grok2api.server.javalin.images;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.image.AspectRatio;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageMethod;
import dev.grok2api.core.image.ImageRequest;
import dev.grok2api.core.service.ImageService;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code POST /v1/images/generations} (JSON) and {@code POST /v1/images/edits} (multipart) into a core {@link
 * ImageRequest}, with the reference's validation order, codes and parameter names: field types and bounds first
 * ({@code greater_than_equal}/{@code less_than_equal} on {@code n} and {@code concurrency}), then {@code
 * empty_prompt}, {@code model_not_supported}, {@code invalid_stream_n}, {@code invalid_response_format}, and for
 * edits {@code missing_image}, {@code invalid_image_count}, {@code empty_file}, {@code file_too_large} and {@code
 * invalid_image_type}. {@code size}, {@code quality}, {@code style} and {@code mask} are accepted; only {@code size}
 * matters (its aspect ratio).
 */
final class ImageRequestReader {
    /** Most source images one edit may send. */
    static final int MAX_SOURCES = 16;
    /** Largest source image. */
    static final long MAX_SOURCE_BYTES = 50L * 1024 * 1024;

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/webp");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");

    private ImageRequestReader() {}

    /**
     * A read request.
     *
     * @param request the domain request
     * @param stream whether the client asked for server-sent events
     */
    record Parsed(ImageRequest request, boolean stream) {}

    /** The form of both endpoints, as raw values. */
    private record Fields(
            Object prompt,
            Object model,
            Object n,
            Object concurrency,
            Object stream,
            Object responseFormat,
            Object size,
            String paramPrefix) {}

    /**
     * Reads a generation body.
     *
     * @throws InvalidRequestException for malformed JSON or any invalid field
     */
    static Parsed generation(String body, Settings settings) {
        Map<String, Object> json = JsonCodec.parseObject(body);
        Fields fields = new Fields(
                json.get("prompt"),
                json.get("model"),
                json.get("n"),
                json.get("concurrency"),
                json.get("stream"),
                json.get("response_format"),
                json.get("size"),
                "body.");
        return read(fields, ImageService.GENERATION_MODEL, List.of(), settings);
    }

    /**
     * Reads an edit form ({@code image} and/or {@code image[]} files).
     *
     * @throws InvalidRequestException for any invalid field or file
     */
    static Parsed edit(Context ctx, Settings settings) {
        if (!ctx.isMultipartFormData()) {
            throw new InvalidRequestException(
                    "invalid_content_type",
                    "body",
                    "Image edits take multipart/form-data with the fields prompt and image (or image[]).");
        }
        Fields fields = new Fields(
                ctx.formParam("prompt"),
                ctx.formParam("model"),
                ctx.formParam("n"),
                ctx.formParam("concurrency"),
                ctx.formParam("stream"),
                ctx.formParam("response_format"),
                ctx.formParam("size"),
                "");
        List<UploadedFile> files = new ArrayList<>(ctx.uploadedFiles("image"));
        files.addAll(ctx.uploadedFiles("image[]"));
        return read(fields, ImageService.EDIT_MODEL, files, settings);
    }

    private static Parsed read(Fields fields, String model, List<UploadedFile> files, Settings settings) {
        String prefix = fields.paramPrefix();
        int n = bounded(fields.n(), 1, 1, ImageRequest.MAX_IMAGES, prefix + "n");
        int concurrency = bounded(fields.concurrency(), 1, 1, ImageRequest.MAX_CONCURRENCY, prefix + "concurrency");
        boolean stream = bool(fields.stream(), prefix + "stream");
        if (!(fields.prompt() instanceof String prompt)) {
            throw new InvalidRequestException("missing", prefix + "prompt", "Field required: prompt.");
        }
        if (prompt.isBlank()) {
            throw new InvalidRequestException("empty_prompt", "prompt", "Prompt cannot be empty");
        }
        String requestedModel = fields.model() instanceof String m && !m.isBlank() ? m.trim() : model;
        if (!requestedModel.equals(model)) {
            throw new InvalidRequestException(
                    "model_not_supported",
                    "model",
                    "The model `" + model + "` is required for image " + (files.isEmpty() ? "generation" : "edits")
                            + ".");
        }
        if (stream && n > 2) {
            throw new InvalidRequestException("invalid_stream_n", "n", "Streaming is only supported when n=1 or n=2");
        }
        ImageFormat format = format(fields.responseFormat(), settings);
        List<FileUpload> sources = model.equals(ImageService.EDIT_MODEL) ? sources(files) : List.of();
        String size = fields.size() instanceof String s ? s : null;
        return new Parsed(
                new ImageRequest(prompt, n, AspectRatio.fromSize(size), format, concurrency, sources), stream);
    }

    /**
     * The requested format, or the default: {@code app.image_format}, except that the imagine method turns a
     * {@code url} default into {@code b64_json} (as the reference does).
     */
    private static ImageFormat format(Object value, Settings settings) {
        if (value == null || value instanceof String s && s.isBlank()) {
            ImageFormat configured =
                    ImageFormat.parse(settings.app().imageFormat()).orElse(ImageFormat.URL);
            boolean imagine = ImageMethod.fromConfig(settings.grok().imageGenerationMethod()) == ImageMethod.IMAGINE_WS;
            return imagine && configured == ImageFormat.URL ? ImageFormat.B64_JSON : configured;
        }
        return ImageFormat.parse(value instanceof String s ? s : null)
                .orElseThrow(() -> new InvalidRequestException(
                        "invalid_response_format",
                        "response_format",
                        "response_format must be one of ['b64_json', 'base64', 'url']"));
    }

    private static List<FileUpload> sources(List<UploadedFile> files) {
        if (files.isEmpty()) {
            throw new InvalidRequestException("missing_image", "image", "Image is required");
        }
        if (files.size() > MAX_SOURCES) {
            throw new InvalidRequestException(
                    "invalid_image_count", "image", "Too many images. Maximum is " + MAX_SOURCES + ".");
        }
        List<FileUpload> sources = new ArrayList<>(files.size());
        for (UploadedFile file : files) {
            if (file.size() == 0) {
                throw new InvalidRequestException("empty_file", "image", "File content is empty");
            }
            if (file.size() > MAX_SOURCE_BYTES) {
                throw new InvalidRequestException(
                        "file_too_large", "image", "File too large. Maximum is 50MB per image.");
            }
            String type = imageType(file);
            byte[] content;
            try (InputStream in = file.content()) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read uploaded image " + file.filename(), e);
            }
            if (content.length == 0) {
                throw new InvalidRequestException("empty_file", "image", "File content is empty");
            }
            String name = file.filename() == null || file.filename().isBlank()
                    ? "image." + type.substring(6)
                    : file.filename();
            sources.add(new FileUpload(name, type, content));
        }
        return sources;
    }

    /** The image type by MIME type, else by extension; anything else is refused. */
    private static String imageType(UploadedFile file) {
        String type = file.contentType() == null
                ? ""
                : file.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (IMAGE_TYPES.contains(type)) {
            return type.equals("image/jpg") ? "image/jpeg" : type;
        }
        String extension = file.extension() == null
                ? ""
                : file.extension().replace(".", "").toLowerCase(Locale.ROOT);
        if (IMAGE_EXTENSIONS.contains(extension)) {
            return extension.equals("jpg") || extension.equals("jpeg") ? "image/jpeg" : "image/" + extension;
        }
        throw new InvalidRequestException(
                "invalid_image_type", "image", "Unsupported image type. Supported: png, jpg, webp.");
    }

    private static int bounded(Object value, int fallback, int min, int max, String param) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return fallback;
        }
        int number;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.doubleValue()));
        } else if (value instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            number = Integer.parseInt(s.trim());
        } else {
            throw new InvalidRequestException("int_parsing", param, "Input should be a valid integer");
        }
        if (number < min) {
            throw new InvalidRequestException(
                    "greater_than_equal", param, "Input should be greater than or equal to " + min);
        }
        if (number > max) {
            throw new InvalidRequestException("less_than_equal", param, "Input should be less than or equal to " + max);
        }
        return number;
    }

    private static boolean bool(Object value, String param) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case String s when s.equalsIgnoreCase("true") || s.equals("1") -> true;
            case String s when s.isBlank() || s.equalsIgnoreCase("false") || s.equals("0") -> false;
            default -> throw new InvalidRequestException("bool_parsing", param, "Input should be a valid boolean");
        };
    }
}
