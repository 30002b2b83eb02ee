package dev.grok2api.server.javalin.http;

import dev.grok2api.core.error.InvalidRequestException;
import io.javalin.http.Context;

/** Query parameters read strictly: a value that is present must parse, or the client gets a 400 that names it. */
public final class QueryParams {
    private QueryParams() {}

    /**
     * An integer query parameter, or {@code fallback} when it is absent or blank.
     *
     * @throws InvalidRequestException 400 {@code int_parsing} when it is not a whole number
     */
    public static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("int_parsing", name, name + " must be a whole number.");
        }
    }
}
