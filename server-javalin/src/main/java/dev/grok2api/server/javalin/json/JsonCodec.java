package dev.grok2api.server.javalin.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.grok2api.core.error.InvalidRequestException;
import java.io.IOException;
import java.util.Map;
import okio.Buffer;

/**
 * JSON for the HTTP layer: request bodies are read into plain trees ({@link Map}, {@link java.util.List}, {@link
 * String}, {@link Double}, {@link Boolean}, null) and validated by hand, so every error gets the reference's code
 * and parameter path; responses are written from plain trees. Thread-safe.
 */
public final class JsonCodec {
    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class).serializeNulls();

    private JsonCodec() {}

    /**
     * Parses a request body that must be one JSON object.
     *
     * @throws InvalidRequestException {@code json_invalid} (param {@code body}) when it is not
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String body) {
        Object value = parse(body);
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidRequestException("json_invalid", "body", "The request body must be a JSON object.");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Parses a request body that may be any JSON value (object, array, string, number, boolean).
     *
     * @throws InvalidRequestException {@code json_invalid} (param {@code body}) when it is not JSON
     */
    public static Object parseValue(String body) {
        return parse(body);
    }

    private static Object parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalidJson();
        }
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
            Object value = reader.readJsonValue();
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw invalidJson();
            }
            return value;
        } catch (JsonEncodingException | JsonDataException e) {
            throw invalidJson();
        } catch (IOException e) {
            throw invalidJson();
        }
    }

    private static InvalidRequestException invalidJson() {
        return new InvalidRequestException(
                "json_invalid",
                "body",
                "Invalid JSON in request body. Please check for trailing commas or syntax errors.");
    }

    /** Serialises a plain tree (maps, lists, strings, numbers, booleans, null). */
    public static String write(Object tree) {
        return ANY.toJson(tree);
    }

    /** The shared Moshi instance. */
    public static Moshi moshi() {
        return MOSHI;
    }
}
