package dev.grok2api.grok.client.internal;

import com.squareup.moshi.JsonWriter;
import dev.grok2api.core.upstream.ConversationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okio.Buffer;

/**
 * Writes the body of {@code POST /rest/app-chat/conversations/new} with the reference's keys in the reference's
 * order and no white space.
 */
public final class ChatBody {
    private ChatBody() {}

    /**
     * @param request what to ask
     * @param temporary {@code grok.temporary}
     * @return the UTF-8 JSON body
     */
    public static Buffer write(ConversationRequest request, boolean temporary) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.setSerializeNulls(false);
            w.beginObject();
            w.name("temporary").value(temporary);
            w.name("modelName").value(request.modelName());
            if (request.modelMode() != null) {
                w.name("modelMode").value(request.modelMode());
            }
            w.name("message").value(request.message());
            w.name("fileAttachments").beginArray();
            for (String id : request.fileAttachments()) {
                w.value(id);
            }
            w.endArray();
            w.name("imageAttachments").beginArray().endArray();
            w.name("disableSearch").value(false);
            w.name("enableImageGeneration").value(true);
            w.name("returnImageBytes").value(false);
            w.name("returnRawGrokInXaiRequest").value(false);
            w.name("enableImageStreaming").value(true);
            w.name("imageGenerationCount").value(2);
            w.name("forceConcise").value(false);
            w.name("toolOverrides");
            writeMap(w, request.toolOverrides());
            w.name("enableSideBySide").value(true);
            w.name("sendFinalMetadata").value(true);
            w.name("isReasoning").value(false);
            w.name("disableTextFollowUps").value(false);
            w.name("responseMetadata").beginObject();
            w.name("modelConfigOverride").beginObject();
            w.name("modelMap");
            writeMap(w, request.modelMap());
            w.endObject();
            w.name("requestModelDetails").beginObject();
            w.name("modelId").value(request.modelName());
            w.endObject();
            w.endObject();
            w.name("disableMemory").value(false);
            w.name("forceSideBySide").value(false);
            w.name("isAsyncChat").value(false);
            w.name("disableSelfHarmShortCircuit").value(false);
            w.name("deviceEnvInfo").beginObject();
            w.name("darkModeEnabled").value(false);
            w.name("devicePixelRatio").value(2);
            w.name("screenWidth").value(2056);
            w.name("screenHeight").value(1329);
            w.name("viewportWidth").value(2056);
            w.name("viewportHeight").value(1083);
            w.endObject();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    static void writeMap(JsonWriter w, Map<String, Object> map) throws IOException {
        w.beginObject();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            w.name(entry.getKey()).jsonValue(entry.getValue());
        }
        w.endObject();
    }
}
