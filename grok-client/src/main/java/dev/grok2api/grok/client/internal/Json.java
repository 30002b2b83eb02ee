package dev.grok2api.grok.client.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Loose reading of decoded JSON trees: wrong types read as absent instead of failing the whole frame. */
final class Json {
    private Json() {}

    /** Parses one JSON document, or returns null when the text is not JSON. */
    static Object parse(String text) {
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
            reader.setLenient(false);
            Object value = reader.readJsonValue();
            return reader.peek() == JsonReader.Token.END_DOCUMENT ? value : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object node, String key) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    static String string(Object node, String key) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof String s ? s : null;
    }

    static boolean bool(Object node, String key) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof Boolean b && b;
    }

    static int integer(Object node, String key, int fallback) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static List<?> list(Object node, String key) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        return value instanceof List<?> list ? list : List.of();
    }
}
