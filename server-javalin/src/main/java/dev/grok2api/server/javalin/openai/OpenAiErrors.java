package dev.grok2api.server.javalin.openai;

import com.squareup.moshi.JsonWriter;
import dev.grok2api.core.error.ErrorCategory;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamRateLimitedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okio.Buffer;

/**
 * The one mapper from the core exception taxonomy to the OpenAI error envelope {@code
 * {"error":{"message","type","param","code"}}}. Only {@link Grok2ApiException#publicMessage()} is ever rendered.
 */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    /** The OpenAI {@code type} for a category. */
    public static String type(ErrorCategory category) {
        return switch (category) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case RATE_LIMIT -> "rate_limit_error";
            case UPSTREAM, TIMEOUT, INTERNAL -> "server_error";
            case UNAVAILABLE -> "service_unavailable_error";
        };
    }

    /** The envelope JSON for an error. */
    public static String envelope(Grok2ApiException error) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.setSerializeNulls(true);
            w.beginObject().name("error").beginObject();
            w.name("message").value(error.publicMessage());
            w.name("type").value(type(error.category()));
            w.name("param").value(error.param());
            w.name("code").value(error.code());
            w.endObject().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    /** The {@code Retry-After} value (whole seconds, at least 1) for rate-limit errors that know one, else null. */
    public static String retryAfter(Grok2ApiException error) {
        Duration retryAfter = switch (error) {
            case RateLimitException e -> e.retryAfter();
            case UpstreamRateLimitedException e -> e.retryAfter();
            default -> null;
        };
        return retryAfter == null ? null : Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
