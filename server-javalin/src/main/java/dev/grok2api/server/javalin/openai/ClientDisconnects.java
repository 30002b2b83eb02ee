package dev.grok2api.server.javalin.openai;

import dev.grok2api.core.chat.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Cancels a chat as soon as the client's connection closes, even while nothing is being written (a stalled
 * upstream). Jetty does not read from an HTTP/1.1 connection while a handler runs, so it would only notice at the
 * next write; this registers read interest on the connection and treats end-of-stream as the client leaving. Failed
 * writes cancel too ({@link dev.grok2api.server.javalin.http.SseChannel}).
 *
 * <p>The connection stays reusable (keep-alive, as OpenAI SDKs expect): when the request is answered the watch
 * withdraws its read interest before Jetty looks for the next request, so Jetty's own reading is never blocked and no
 * byte of a next request is lost. A client does not send anything else on the connection while it waits for the
 * answer; should it do so anyway (pipelining), the byte the probe consumed cannot be given back, so the watch stops
 * and the connection is closed once the answer is complete. While Jetty itself still holds the read interest
 * (finishing the request body), the watch retries shortly after. HTTP/2 and connections Jetty does not expose as an
 * {@link AbstractEndPoint} are not watched; failed writes still cancel there.
 */
public final class ClientDisconnects {
    private static final long RETRY_MILLIS = 50;
    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "client-disconnect-watch");
        thread.setDaemon(true);
        return thread;
    });

    private ClientDisconnects() {}

    /** Starts watching; close the handle when the request is answered (before the handler returns). */
    public static Watch watch(Context ctx, Cancellation cancellation) {
        Request request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return new Watch(null, cancellation);
        }
        request.addFailureListener(failure -> cancellation.cancel());
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        boolean http1 = request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_2
                && request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_3;
        if (!http1 || !(endPoint instanceof AbstractEndPoint watched)) {
            return new Watch(null, cancellation);
        }
        Watch watch = new Watch(watched, cancellation);
        Request.addCompletionListener(request, failure -> watch.afterResponse());
        watch.arm();
        return watch;
    }

    /** One request's watch. Its state changes under its own monitor: arming, a readiness callback, closing. */
    public static final class Watch implements Callback, AutoCloseable {
        private final AbstractEndPoint endPoint;
        private final Cancellation cancellation;
        private boolean closed;
        private boolean registered;
        private boolean consumedData;

        private Watch(AbstractEndPoint endPoint, Cancellation cancellation) {
            this.endPoint = endPoint;
            this.cancellation = cancellation;
            this.closed = endPoint == null;
        }

        private synchronized void arm() {
            if (closed || cancellation.isCancelled() || !endPoint.isOpen()) {
                return;
            }
            // Set first: an endpoint with data already buffered may call back before tryFillInterested returns.
            registered = true;
            if (!endPoint.tryFillInterested(this)) {
                registered = false;
                RETRY.schedule(this::arm, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public synchronized void succeeded() {
            registered = false;
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
                } else {
                    consumedData = true;
                }
            } catch (IOException e) {
                cancellation.cancel();
            }
        }

        @Override
        public synchronized void failed(Throwable failure) {
            registered = false;
            if (!closed) {
                cancellation.cancel();
            }
        }

        /** The request was answered: stop watching and hand reading back to Jetty. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (registered) {
                // Only this watch can hold the interest now: Jetty registers its own after the handler returns.
                endPoint.getFillInterest().onFail(new CancellationException("the request was answered"));
            }
        }

        private void afterResponse() {
            boolean reuseUnsafe;
            synchronized (this) {
                reuseUnsafe = consumedData;
            }
            if (reuseUnsafe) {
                endPoint.close();
            }
        }
    }
}
