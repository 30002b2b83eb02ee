package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.server.javalin.http.QueryParams;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading admin request bodies and query strings into core values, with errors that name the field and the fix. */
final class AdminBodies {
    /** Default page size of listings. */
    static final int DEFAULT_LIMIT = 50;

    private AdminBodies() {}

    /** The tokens a body names with {@code token} and/or {@code tokens}, in order; empty when it names none. */
    static List<String> tokens(Map<String, Object> body) {
        List<String> out = new ArrayList<>();
        if (body.get("token") instanceof String single && !single.isBlank()) {
            out.add(single);
        }
        Object many = body.get("tokens");
        if (many != null) {
            if (!(many instanceof List<?> items)) {
                throw InvalidRequestException.invalidValue("tokens", "tokens must be an array of strings");
            }
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    throw InvalidRequestException.invalidValue("tokens", "tokens must be an array of strings");
                }
                out.add(s);
            }
        }
        return out;
    }

    static boolean bool(Map<String, Object> body, String key, boolean fallback) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw InvalidRequestException.invalidValue(key, key + " must be true or false");
    }

    static Integer integer(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw InvalidRequestException.invalidValue(key, key + " must be a whole number");
    }

    static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw InvalidRequestException.invalidValue(key, key + " must be a string");
    }

    static List<String> stringList(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            return items.stream().map(String.class::cast).toList();
        }
        throw InvalidRequestException.invalidValue(key, key + " must be an array of strings");
    }

    static boolean queryBool(Context ctx, String key, boolean fallback) {
        String value = ctx.queryParam(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw InvalidRequestException.invalidValue(key, key + " must be true or false");
        };
    }

    /** A pool name, or {@code fallback} when absent. */
    static TokenPool pool(Object name, String param, TokenPool fallback) {
        if (name == null || (name instanceof String s && s.isBlank())) {
            return fallback;
        }
        return TokenPool.fromWireName(name instanceof String s ? s : null)
                .orElseThrow(() -> InvalidRequestException.invalidValue(
                        param, param + " must be \"ssoBasic\" or \"ssoSuper\", got '" + name + "'"));
    }

    static TokenStatus status(Object name, String param) {
        if (name == null || (name instanceof String s && s.isBlank())) {
            return null;
        }
        return TokenStatus.fromWireName(name instanceof String s ? s : null)
                .orElseThrow(() -> InvalidRequestException.invalidValue(
                        param,
                        param + " must be one of active, cooling, invalid (or expired), disabled; got '" + name + "'"));
    }

    /**
     * The listing query of a request's query string: {@code pool}, {@code status}, {@code tag}, {@code q} (text in the
     * token or note), {@code sort}, and {@code offset}/{@code limit} or {@code page}/{@code page_size}.
     */
    static TokenQuery query(Context ctx, Instant now) {
        TokenSort sort = sort(ctx.queryParam("sort"));
        int limit =
                QueryParams.intParam(ctx, ctx.queryParam("page_size") != null ? "page_size" : "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > TokenQuery.MAX_LIMIT) {
            throw InvalidRequestException.invalidValue("limit", "limit must be 1.." + TokenQuery.MAX_LIMIT);
        }
        int offset = ctx.queryParam("page") != null
                ? (Math.max(1, QueryParams.intParam(ctx, "page", 1)) - 1) * limit
                : Math.max(0, QueryParams.intParam(ctx, "offset", 0));
        return new TokenQuery(
                pool(ctx.queryParam("pool"), "pool", null),
                status(ctx.queryParam("status"), "status"),
                ctx.queryParam("tag"),
                ctx.queryParam("q"),
                now,
                sort,
                offset,
                limit);
    }

    private static TokenSort sort(String value) {
        if (value == null || value.isBlank()) {
            return TokenSort.CREATED_ASC;
        }
        try {
            return TokenSort.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalidValue(
                    "sort",
                    "sort must be one of created_asc, created_desc, quota_asc, quota_desc, last_used_desc,"
                            + " use_count_desc");
        }
    }
}
