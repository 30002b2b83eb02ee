package dev.grok2api.server.javalin.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.grok2api.core.config.ConfigService;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.service.StatsService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Prometheus endpoint {@code /metrics}: on the main port behind an admin session, and, when {@code
 * GROK2API_METRICS_PORT} is set, also on that port without authentication (for scrapers on a private network; bind
 * it where only they can reach it).
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final GatewayMetrics metrics;
    private final StatsService stats;
    private final ConfigService config;
    private HttpServer separate;

    public MetricsEndpoint(GatewayMetrics metrics, StatsService stats, ConfigService config) {
        this.metrics = metrics;
        this.stats = stats;
        this.config = config;
    }

    /** The exposition text now. */
    public String text() {
        return PrometheusText.render(metrics.snapshot(), stats.tokenCounts(), config.version());
    }

    /** Registers {@code GET /metrics} on the main port, behind {@code requireSession}. */
    public void register(RoutesConfig routes, Handler requireSession) {
        routes.before("/metrics", requireSession);
        routes.get(
                "/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(text()));
    }

    /**
     * Starts the separate listener.
     *
     * @return the port it listens on (useful with port 0)
     */
    public int startSeparate(String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/metrics", exchange -> {
                try (exchange) {
                    if (!exchange.getRequestMethod().equals("GET")) {
                        exchange.sendResponseHeaders(405, -1);
                        return;
                    }
                    byte[] body;
                    int status = 200;
                    try {
                        body = text().getBytes(StandardCharsets.UTF_8);
                    } catch (RuntimeException e) {
                        status = 503;
                        body = ("# metrics unavailable: " + e.getClass().getSimpleName() + "\n")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.setExecutor(null);
            server.start();
            separate = server;
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + host + ":" + port, e);
        }
    }

    @Override
    public void close() {
        if (separate != null) {
            separate.stop(0);
        }
    }
}
