package dev.grok2api.server.javalin.http;

import io.javalin.http.Context;

/** Reads the {@code Authorization: Bearer <token>} header (scheme case-insensitive). */
public final class Bearer {
    private Bearer() {}

    /** The bearer token, or null when the header is absent, empty or not a bearer credential. */
    public static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() <= 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
