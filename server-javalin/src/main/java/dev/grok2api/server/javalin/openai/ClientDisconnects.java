package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;

/**
 * Cancels a chat when Jetty reports that the client's connection failed, even while nothing is being written (a
 * stalled upstream). Writes that fail cancel too ({@link SseChatListener}); this catches the silent case.
 */
final class ClientDisconnects {
    private ClientDisconnects() {}

    static void watch(Context ctx, Cancellation cancellation) {
        Request request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.addFailureListener(failure -> cancellation.cancel());
        }
    }
}
