package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Cancels a chat as soon as the client's connection closes, even while nothing is being written (a stalled
 * upstream). Jetty does not read from an HTTP/1.1 connection while a handler runs, so it would only notice at the
 * next write; this registers read interest on the connection and treats end-of-stream as the client leaving. A
 * client does not send anything else on the connection while it waits for this response, so any readiness is either
 * the close or nothing at all. Because the interest outlives the handler, the response asks the client to close the
 * connection afterwards ({@code Connection: close}): a next request on it could otherwise lose its first byte to the
 * probe. Failed writes cancel too ({@link SseChatListener}).
 */
final class ClientDisconnects {
    private ClientDisconnects() {}

    static void watch(Context ctx, Cancellation cancellation) {
        Request request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return;
        }
        request.addFailureListener(failure -> cancellation.cancel());
        ctx.header("Connection", "close");
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        new Watch(endPoint, cancellation).arm();
    }

    private record Watch(EndPoint endPoint, Cancellation cancellation) implements Callback {
        void arm() {
            if (!cancellation.isCancelled() && endPoint.isOpen()) {
                endPoint.tryFillInterested(this);
            }
        }

        @Override
        public void succeeded() {
            ByteBuffer probe = BufferUtil.allocate(1);
            try {
                int read = endPoint.fill(probe);
                if (read < 0) {
                    cancellation.cancel();
                } else if (read == 0) {
                    arm();
                }
            } catch (IOException e) {
                cancellation.cancel();
            }
        }

        @Override
        public void failed(Throwable failure) {
            cancellation.cancel();
        }
    }
}
