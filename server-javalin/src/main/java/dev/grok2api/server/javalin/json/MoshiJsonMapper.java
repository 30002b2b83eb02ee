package dev.grok2api.server.javalin.json;

import com.squareup.moshi.JsonAdapter;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import okio.Buffer;

/** Javalin's {@link JsonMapper} over Moshi, so {@code ctx.json(…)} renders plain trees with Moshi. */
public final class MoshiJsonMapper implements JsonMapper {

    @Override
    public String toJsonString(Object obj, Type type) {
        return JsonCodec.write(obj);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        JsonAdapter<T> adapter = JsonCodec.moshi().adapter(targetType);
        try {
            return adapter.fromJson(new Buffer().writeUtf8(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
