package dev.grok2api.server.javalin.storage;

import com.squareup.moshi.JsonAdapter;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reading JSON documents as plain trees and picking typed values out of them leniently: the reference wrote numbers
 * as ints or floats and sometimes null, so a missing or odd value falls back to a default instead of failing.
 */
final class JsonFiles {
    private static final JsonAdapter<Object> ANY =
            JsonCodec.moshi().adapter(Object.class).serializeNulls();

    private JsonFiles() {}

    /**
     * The JSON value in a file.
     *
     * @throws IOException when the file cannot be read or is not JSON (the message names the file)
     */
    static Object read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return ANY.fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a tree as indented JSON. */
    static void write(Path file, Object tree) throws IOException {
        Files.writeString(file, ANY.indent("  ").toJson(tree), StandardCharsets.UTF_8);
    }

    /** The tree as it reads back after being written to a file (numbers become doubles), for tests. */
    static Object mapperRoundTrip(Object tree) {
        try {
            return ANY.fromJson(ANY.toJson(tree));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static String text(Map<?, ?> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    static long number(Map<?, ?> map, String key, long fallback) {
        Object value = map.get(key);
        if (value instanceof Number n) {
            return (long) n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static boolean flag(Map<?, ?> map, String key, boolean fallback) {
        Object value = map.get(key);
        return value instanceof Boolean b ? b : fallback;
    }

    /** Epoch milliseconds as an instant, or null when absent or not positive. */
    static Instant millis(Map<?, ?> map, String key) {
        long value = number(map, key, -1);
        return value > 0 ? Instant.ofEpochMilli(value) : null;
    }
}
