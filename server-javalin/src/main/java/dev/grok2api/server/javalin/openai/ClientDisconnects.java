package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * the close or nothing at all. Because the interest may outlive the handler, the response asks the client to close
 * the connection afterwards ({@code Connection: close}): a next request on it could otherwise lose its first byte to
 * the probe. While Jetty itself still holds the read interest (finishing the request body), the watch retries
 * shortly after. Failed writes cancel too ({@link SseChatListener}).
 */
public final class ClientDisconnects {
    private static final long RETRY_MILLIS = 50;
    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "client-disconnect-watch");
        thread.setDaemon(true);
        return thread;
    });

    private ClientDisconnects() {}

    /** Starts watching; close the handle when the request is answered. */
    public static Watch watch(Context ctx, Cancellation cancellation) {
        Request request = ServletContextRequest.getServletContextRequest(ctx.req());
        Watch watch = new Watch(
                request == null
                        ? null
                        : request.getConnectionMetaData().getConnection().getEndPoint(),
                cancellation);
        if (request != null) {
            request.addFailureListener(failure -> cancellation.cancel());
            ctx.header("Connection", "close");
            watch.arm();
        }
        return watch;
    }

    /** One request's watch. */
    public static final class Watch implements Callback, AutoCloseable {
        private final EndPoint endPoint;
        private final Cancellation cancellation;
        private volatile boolean closed;

        private Watch(EndPoint endPoint, Cancellation cancellation) {
            this.endPoint = endPoint;
            this.cancellation = cancellation;
        }

        private void arm() {
            if (closed || cancellation.isCancelled() || !endPoint.isOpen()) {
                return;
            }
            if (!endPoint.tryFillInterested(this)) {
                RETRY.schedule(this::arm, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void succeeded() {
            if (closed) {
                return;
            }
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
            if (!closed) {
                cancellation.cancel();
            }
        }

        /** The request was answered: stop watching. */
        @Override
        public void close() {
            closed = true;
        }
    }
}
