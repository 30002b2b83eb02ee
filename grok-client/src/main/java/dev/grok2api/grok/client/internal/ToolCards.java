package dev.grok2api.grok.client.internal;

import dev.grok2api.core.upstream.GrokEvent;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Grok's tool usage cards: the structured {@code toolUsageCard} object when present ({@code
 * {"webSearch":{"args":{"query":…}}}}), else the XML token ({@code <xai:tool_name>web_search</xai:tool_name>
 * <xai:tool_args><![CDATA[{"query":…}]]></xai:tool_args>}).
 */
final class ToolCards {
    private static final Pattern NAME = Pattern.compile("<xai:tool_name>\\s*(.*?)\\s*</xai:tool_name>", Pattern.DOTALL);
    private static final Pattern ARGS =
            Pattern.compile("<xai:tool_args>\\s*(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?\\s*</xai:tool_args>", Pattern.DOTALL);
    private static final String[] ARGUMENT_KEYS = {"query", "url", "code", "prompt", "q"};

    private ToolCards() {}

    static GrokEvent.ToolUsage decode(String token, Map<String, Object> card) {
        if (card != null) {
            for (Map.Entry<String, Object> entry : card.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> call) {
                    return new GrokEvent.ToolUsage(snakeCase(entry.getKey()), argument(Json.object(call, "args")));
                }
            }
        }
        Matcher name = NAME.matcher(token);
        Matcher args = ARGS.matcher(token);
        return new GrokEvent.ToolUsage(
                name.find() ? name.group(1) : "tool",
                args.find() ? argument(Json.parse(args.group(1).strip())) : "");
    }

    private static String argument(Object args) {
        for (String key : ARGUMENT_KEYS) {
            String value = Json.string(args, key);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    /** {@code webSearch} → {@code web_search}. */
    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
