package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.ChatMessage;
import dev.grok2api.core.chat.ChatRequest;
import dev.grok2api.core.chat.ContentPart;
import dev.grok2api.core.chat.Role;
import dev.grok2api.core.chat.VideoConfig;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI {@code /v1/chat/completions} body into a core {@link ChatRequest}, validating it with the
 * reference's error codes and parameter paths. Unknown OpenAI parameters are accepted and ignored.
 */
public final class ChatCompletionRequestReader {
    private static final Set<String> USER_BLOCK_TYPES = Set.of("text", "image_url", "input_audio", "file");

    private ChatCompletionRequestReader() {}

    /**
     * The parsed request and the transport options that are not part of the domain request.
     *
     * @param request the domain request
     * @param stream whether the client asked for SSE; null when it did not say
     */
    public record Parsed(ChatRequest request, Boolean stream) {}

    /**
     * @param body the raw request body
     * @throws InvalidRequestException for malformed JSON or any invalid field
     */
    public static Parsed read(String body) {
        Map<String, Object> json = JsonCodec.parseObject(body);
        Object model = json.get("model");
        if (!(model instanceof String modelId) || modelId.isBlank()) {
            throw new InvalidRequestException(
                    model == null ? "missing" : "string_type", "body.model", "Field required: model (a model id).");
        }
        Object rawMessages = json.get("messages");
        if (!(rawMessages instanceof List<?> messageList)) {
            throw new InvalidRequestException(
                    rawMessages == null ? "missing" : "list_type",
                    "body.messages",
                    "Field required: messages (an array of {role, content}).");
        }
        if (messageList.isEmpty()) {
            throw new InvalidRequestException(
                    "too_short", "body.messages", "messages must contain at least one message.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < messageList.size(); i++) {
            messages.add(message(messageList.get(i), i));
        }
        return new Parsed(
                new ChatRequest(
                        modelId,
                        messages,
                        thinking(json.get("thinking")),
                        videoConfig(json.get("video_config")),
                        includeUsage(json.get("stream_options"))),
                bool(json.get("stream"), "body.stream"));
    }

    private static ChatMessage message(Object raw, int i) {
        if (!(raw instanceof Map<?, ?> message)) {
            throw new InvalidRequestException(
                    "dict_type", "body.messages." + i, "Each message must be an object {role, content}.");
        }
        Object roleName = message.get("role");
        Role role = Role.fromWireName(roleName instanceof String s ? s : null)
                .orElseThrow(() -> new InvalidRequestException(
                        "value_error",
                        "body.messages." + i + ".role",
                        "Value error, role must be one of ['developer', 'system', 'user', 'assistant']"));
        String param = "messages." + i + ".content";
        Object content = message.get("content");
        if (content == null) {
            throw new InvalidRequestException("empty_content", param, "Message content cannot be null");
        }
        if (content instanceof String text) {
            if (text.isBlank()) {
                throw new InvalidRequestException("empty_content", param, "Message content cannot be empty");
            }
            return ChatMessage.of(role, text);
        }
        if (!(content instanceof List<?> blocks)) {
            throw new InvalidRequestException(
                    "invalid_type", param, "Message content must be a string or an array of content blocks");
        }
        if (blocks.isEmpty()) {
            throw new InvalidRequestException("empty_content", param, "Message content cannot be an empty array");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            parts.add(block(blocks.get(j), role, param + "." + j));
        }
        return new ChatMessage(role, parts);
    }

    private static ContentPart block(Object raw, Role role, String param) {
        if (!(raw instanceof Map<?, ?> block) || block.isEmpty()) {
            throw new InvalidRequestException("empty_block", param, "Content block cannot be empty");
        }
        if (!block.containsKey("type")) {
            throw new InvalidRequestException("missing_type", param + ".type", "Content block must have a 'type'");
        }
        if (!(block.get("type") instanceof String type) || type.isBlank()) {
            throw new InvalidRequestException(
                    "empty_type", param + ".type", "Content block 'type' must be a non-empty string");
        }
        if (role == Role.USER && !USER_BLOCK_TYPES.contains(type)) {
            throw new InvalidRequestException(
                    "invalid_type", param + ".type", "Invalid content block type: '" + type + "'");
        }
        if (role != Role.USER && !type.equals("text")) {
            throw new InvalidRequestException(
                    "invalid_type",
                    param + ".type",
                    "The `" + role.wireName() + "` role only supports 'text' type, got '" + type + "'");
        }
        return switch (type) {
            case "text" -> {
                if (!(block.get("text") instanceof String text) || text.isBlank()) {
                    throw new InvalidRequestException("empty_text", param + ".text", "Text content cannot be empty");
                }
                yield new ContentPart.Text(text);
            }
            case "image_url" -> {
                Object imageUrl = block.get("image_url");
                Object url = imageUrl instanceof Map<?, ?> m ? m.get("url") : imageUrl;
                if (!(url instanceof String u) || u.isBlank()) {
                    throw new InvalidRequestException(
                            "missing_url", param + ".image_url", "image_url must have a 'url' field");
                }
                yield new ContentPart.Image(u);
            }
            case "input_audio" -> {
                Object audio = block.get("input_audio");
                Object data = audio instanceof Map<?, ?> m ? m.get("data") : null;
                if (!(data instanceof String d) || d.isBlank()) {
                    throw new InvalidRequestException(
                            "missing_data", param + ".input_audio", "input_audio must have a 'data' field");
                }
                Object format = ((Map<?, ?>) audio).get("format");
                yield new ContentPart.Audio(d, format instanceof String f ? f : null);
            }
            default -> file(block.get("file"), param);
        };
    }

    private static ContentPart file(Object file, String param) {
        if (file instanceof String reference && !reference.isBlank()) {
            return new ContentPart.File(reference, null);
        }
        if (file instanceof Map<?, ?> m) {
            Object filename = m.get("filename");
            for (String key : List.of("url", "file_data", "data")) {
                if (m.get(key) instanceof String reference && !reference.isBlank()) {
                    return new ContentPart.File(reference, filename instanceof String f ? f : null);
                }
            }
        }
        throw new InvalidRequestException(
                "missing_file", param + ".file", "file must have a 'url', 'file_data' or 'data' field");
    }

    private static Boolean thinking(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "enabled", "enable", "true", "on" -> {
                    return Boolean.TRUE;
                }
                case "disabled", "disable", "false", "off" -> {
                    return Boolean.FALSE;
                }
                default -> {}
            }
        }
        if (value instanceof Map<?, ?> m && m.get("type") instanceof String type) {
            // Anthropic-style {"type":"enabled"|"disabled"} as sent by some clients.
            return thinking(type);
        }
        throw new InvalidRequestException(
                "invalid_value", "body.thinking", "thinking must be \"enabled\", \"disabled\" or null");
    }

    private static boolean includeUsage(Object streamOptions) {
        return streamOptions instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("include_usage"));
    }

    private static VideoConfig videoConfig(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        Object length = m.get("video_length");
        return new VideoConfig(
                m.get("aspect_ratio") instanceof String s ? s : null,
                length instanceof Number n ? Integer.valueOf(n.intValue()) : null,
                m.get("resolution") instanceof String s ? s : null,
                m.get("preset") instanceof String s ? s : null);
    }

    private static Boolean bool(Object value, String param) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new InvalidRequestException("bool_type", param, param.substring(5) + " must be true or false");
    }
}
