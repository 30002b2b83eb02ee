package dev.grok2api.server.javalin.http;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InternalException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.server.javalin.openai.OpenAiErrors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as the OpenAI error envelope with a real status; never a stack trace. Unexpected exceptions
 * are logged with the request id and answered with a generic 500.
 */
public final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {}

    /** Registers the handlers. */
    public static void register(RoutesConfig routes) {
        routes.exception(Grok2ApiException.class, (e, ctx) -> render(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> render(ctx, new HttpStatusException(e)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {} [{}]", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            render(ctx, new InternalException("Internal server error (request " + RequestIds.of(ctx) + ")", e));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                render(ctx, new NotFoundException("not_found", "No route for " + ctx.method() + " " + ctx.path()));
            }
        });
        routes.error(
                405,
                ctx -> render(
                        ctx,
                        new NotFoundException(
                                "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
    }

    /** Writes the envelope for an error. */
    public static void render(Context ctx, Grok2ApiException error) {
        if (ctx.res().isCommitted()) {
            return;
        }
        String retryAfter = OpenAiErrors.retryAfter(error);
        if (retryAfter != null) {
            ctx.header("Retry-After", retryAfter);
        }
        ctx.status(error.status()).contentType("application/json").result(OpenAiErrors.envelope(error));
    }

    /** Javalin's own status exceptions (e.g. a body that is too large), in the taxonomy. */
    private static final class HttpStatusException extends Grok2ApiException {
        HttpStatusException(HttpResponseException e) {
            super(
                    e.getStatus(),
                    e.getStatus() >= 500
                            ? dev.grok2api.core.error.ErrorCategory.INTERNAL
                            : dev.grok2api.core.error.ErrorCategory.INVALID_REQUEST,
                    "http_" + e.getStatus(),
                    null,
                    e.getMessage() == null ? "HTTP " + e.getStatus() : e.getMessage(),
                    null,
                    null);
        }
    }
}
