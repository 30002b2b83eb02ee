package dev.grok2api.testkit.grok;

import static dev.grok2api.testkit.grok.JsonText.quote;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Literal NDJSON lines of Grok's chat stream, written out by hand (never through the client's DTOs) so the mock
 * cannot share the client's bugs. Each method returns one line without its terminator.
 */
public final class GrokLines {
    private GrokLines() {}

    /** The first frame: conversation metadata. */
    public static String conversation(String conversationId) {
        return "{\"result\":{\"conversation\":{\"conversationId\":" + quote(conversationId)
                + ",\"title\":\"New conversation\",\"starred\":false,\"createTime\":\"2026-02-08T10:00:00.000000Z\","
                + "\"modifyTime\":\"2026-02-08T10:00:00.000000Z\",\"systemPromptName\":\"\",\"temporary\":true,"
                + "\"mediaTypes\":[]}}}";
    }

    /** The echo of the user turn. */
    public static String userResponse(String responseId, String message, String model) {
        return "{\"result\":{\"response\":{\"userResponse\":{\"responseId\":" + quote(responseId) + ",\"message\":"
                + quote(message) + ",\"sender\":\"human\",\"createTime\":\"2026-02-08T10:00:00.100Z\",\"model\":"
                + quote(model) + ",\"partial\":false,\"fileAttachments\":[],\"imageAttachments\":[]},"
                + "\"isThinking\":false,\"isSoftStop\":false,\"responseId\":" + quote(responseId) + "}}}";
    }

    /** An answer token ({@code messageTag:"final"}). */
    public static String token(String text, String responseId) {
        return "{\"result\":{\"response\":{\"token\":" + quote(text)
                + ",\"isThinking\":false,\"isSoftStop\":false,\"responseId\":" + quote(responseId)
                + ",\"messageTag\":\"final\"}}}";
    }

    /** A reasoning token with the given {@code messageTag} ({@code header}, {@code analysis}, …). */
    public static String thinkingToken(String text, String messageTag, String responseId) {
        return "{\"result\":{\"response\":{\"token\":" + quote(text) + ",\"isThinking\":true,\"messageTag\":"
                + quote(messageTag) + ",\"responseId\":" + quote(responseId) + "}}}";
    }

    /** The model-hash frame ({@code llmInfo}) with final metadata. */
    public static String finalMetadata(String modelHash, String responseId) {
        return "{\"result\":{\"response\":{\"finalMetadata\":{\"followUpSuggestions\":[],\"feedbackLabels\":[],"
                + "\"toolsUsed\":{}},\"llmInfo\":{\"modelHash\":" + quote(modelHash) + "},\"responseId\":"
                + quote(responseId) + "}}}";
    }

    /** The final response with the whole message and any generated image paths. */
    public static String modelResponse(String responseId, String message, String modelHash, List<String> images) {
        String urls = images.stream().map(JsonText::quote).collect(Collectors.joining(",", "[", "]"));
        return "{\"result\":{\"response\":{\"modelResponse\":{\"responseId\":" + quote(responseId) + ",\"message\":"
                + quote(message) + ",\"sender\":\"ASSISTANT\",\"generatedImageUrls\":" + urls
                + ",\"imageAttachments\":[],\"fileAttachments\":[],\"webSearchResults\":[],\"metadata\":"
                + "{\"llm_info\":{\"modelHash\":" + quote(modelHash) + "}}},\"isThinking\":false,"
                + "\"isSoftStop\":false,\"responseId\":" + quote(responseId) + "}}}";
    }

    /** A top-level in-band error line. */
    public static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + quote(message) + ",\"details\":[]}}";
    }

    /** Progress of a generated image ({@code streamingImageGenerationResponse}). */
    public static String imageProgress(
            String imageId, String imageUrl, int imageIndex, int progress, boolean moderated, String responseId) {
        return "{\"result\":{\"response\":{\"streamingImageGenerationResponse\":{\"imageId\":" + quote(imageId)
                + ",\"imageUrl\":" + quote(imageUrl) + ",\"imageIndex\":" + imageIndex + ",\"progress\":" + progress
                + (progress >= 100 ? ",\"isFinal\":true,\"moderated\":" + moderated : "") + "},\"responseId\":"
                + quote(responseId) + "}}}";
    }

    /** Progress of a video; the 100 % frame carries the video and poster paths. */
    public static String videoProgress(
            String videoId, int progress, String videoUrl, String thumbnailUrl, boolean moderated, String responseId) {
        StringBuilder video = new StringBuilder("{\"videoId\":")
                .append(quote(videoId))
                .append(",\"progress\":")
                .append(progress)
                .append(",\"videoPostId\":\"post_1\"");
        if (videoUrl != null) {
            video.append(",\"assetId\":")
                    .append(quote(videoId))
                    .append(",\"videoUrl\":")
                    .append(quote(videoUrl));
        }
        if (thumbnailUrl != null) {
            video.append(",\"thumbnailImageUrl\":").append(quote(thumbnailUrl));
        }
        if (progress >= 100) {
            video.append(",\"moderated\":").append(moderated);
        }
        return "{\"result\":{\"response\":{\"streamingVideoGenerationResponse\":" + video.append('}')
                + ",\"responseId\":" + quote(responseId) + "}}}";
    }
}
