package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lenient readers of admin request fields, with the reference's coercions. */
final class Fields {
    private Fields() {}

    /** The JSON object body; an empty body reads as an empty object. */
    static Map<String, Object> body(Context ctx) {
        return ctx.body().isBlank() ? Map.of() : JsonCodec.parseObject(ctx.body());
    }

    /** The field as trimmed text (numbers rendered), or null when absent or null. */
    static String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString().trim();
    }

    /** A list of strings; a single string counts as a one-element list, absent as empty. */
    static List<String> strings(Map<String, Object> body, String name) {
        Object value = body.get(name);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !item.toString().isBlank()) {
                    out.add(item.toString().trim());
                }
            }
        } else if (value instanceof String s && !s.isBlank()) {
            out.add(s.trim());
        } else if (value != null) {
            throw InvalidRequestException.invalidValue(name, name + " must be a list of strings.");
        }
        return out;
    }

    /** The reference's boolean coercion: true, non-zero numbers, and the strings true/1/yes/on. */
    static boolean truthy(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> List.of("true", "1", "yes", "on").contains(s.trim().toLowerCase(Locale.ROOT));
            case null, default -> false;
        };
    }

    /** A limit: a whole number >= -1; null, empty, non-numeric or below −1 means unlimited (−1). */
    static int limit(Object value) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                number = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        } else {
            return -1;
        }
        if (Double.isNaN(number) || number < -1) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, number);
    }

    /** An integer query parameter, or the default when absent or not a number. */
    static int intParam(Context ctx, String name, int defaultValue) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
