package dev.grok2api.server.javalin.http;

import io.javalin.http.Context;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * A request id per request: taken from a sane incoming {@code X-Request-Id} or generated, echoed in the response
 * header and put in the logging context so every log line of the request carries it.
 */
public final class RequestIds {
    private static final String ATTRIBUTE = "grok2api.requestId";

    private RequestIds() {}

    /** Assigns the id; register as the first before-handler. */
    public static void assign(Context ctx) {
        String incoming = ctx.header("X-Request-Id");
        String id = incoming != null && incoming.matches("[A-Za-z0-9._-]{8,64}")
                ? incoming
                : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("X-Request-Id", id);
        MDC.put("requestId", id);
    }

    /** Clears the logging context; register as an after-handler. */
    public static void clear(Context ctx) {
        MDC.remove("requestId");
    }

    /** The id of this request. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
