package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.token.TokenImport;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an import body: text with one token per line, or one of the JSON forms. */
final class ImportBodies {
    private ImportBodies() {}

    /**
     * @param body the request body
     * @param contentType the request's content type, or null
     * @return the entries in input order (blank lines included, so positions match line numbers)
     */
    static List<TokenImport> parse(String body, String contentType) {
        String start = body.stripLeading();
        boolean json =
                (contentType != null && contentType.contains("json")) || start.startsWith("[") || start.startsWith("{");
        return json ? fromJson(JsonCodec.parseValue(body)) : fromLines(body);
    }

    private static List<TokenImport> fromLines(String body) {
        List<TokenImport> entries = new ArrayList<>();
        body.lines().forEach(line -> {
            String trimmed = line.strip();
            // A comment still takes its line, so reported line numbers match the file.
            entries.add(TokenImport.of(trimmed.startsWith("#") ? "" : trimmed));
        });
        return entries;
    }

    private static List<TokenImport> fromJson(Object value) {
        if (value instanceof List<?> items) {
            return entries(items, null, "body");
        }
        if (value instanceof Map<?, ?> map) {
            if (map.get("tokens") instanceof List<?> items) {
                return entries(items, AdminBodies.pool(map.get("pool"), "pool", null), "tokens");
            }
            List<TokenImport> entries = new ArrayList<>();
            for (Map.Entry<?, ?> pool : map.entrySet()) {
                String name = String.valueOf(pool.getKey());
                if (!(pool.getValue() instanceof List<?> items)) {
                    throw InvalidRequestException.invalidValue(name, name + " must be an array of tokens");
                }
                entries.addAll(entries(items, AdminBodies.pool(name, name, null), name));
            }
            return entries;
        }
        throw InvalidRequestException.invalidValue(
                "body",
                "Send one token per line as text, or JSON: an array of tokens, {\"tokens\":[…]}, or"
                        + " {\"ssoBasic\":[…],\"ssoSuper\":[…]}.");
    }

    private static List<TokenImport> entries(List<?> items, TokenPool pool, String param) {
        List<TokenImport> entries = new ArrayList<>(items.size());
        for (Object item : items) {
            TokenImport entry = TokenRoutes.entry(item, param);
            entries.add(pool == null || entry.pool() != null ? entry : entry.withPool(pool));
        }
        return entries;
    }
}
