package dev.grok2api.server.javalin.http;

import io.javalin.http.Context;

/** Security headers for the admin pages: no framing, no sniffing, a strict same-origin content policy. */
public final class SecurityHeaders {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob: https:; media-src 'self' blob: https:; connect-src 'self' ws: wss:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {}

    /** Adds the headers to an HTML page response. */
    public static void forPage(Context ctx) {
        ctx.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin");
    }
}
