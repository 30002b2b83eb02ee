package dev.grok2api.server.javalin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.Grok2ApiServer;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.MockGrokServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real composed server on port 0, wired to a {@link MockGrokServer} and an SQLite file in a temp directory, plus
 * a plain HTTP client that talks to it exactly as an API client would.
 */
final class GatewayHarness implements AutoCloseable {
    final MockGrokServer grok;
    final Grok2ApiServer server;
    private final boolean ownsGrok;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private GatewayHarness(MockGrokServer grok, Grok2ApiServer server, boolean ownsGrok) {
        this.grok = grok;
        this.server = server;
        this.ownsGrok = ownsGrok;
    }

    static GatewayHarness start(Path dataDir) {
        return start(dataDir, options -> options);
    }

    static GatewayHarness start(Path dataDir, UnaryOperator<ServerOptions> customize) {
        MockGrokServer grok = MockGrokServer.start();
        try {
            return new GatewayHarness(grok, Grok2ApiServer.start(options(grok, dataDir, customize)), true);
        } catch (RuntimeException e) {
            grok.close();
            throw e;
        }
    }

    /** A server on a mock that other servers share; closing the harness leaves the mock running. */
    static GatewayHarness startOn(MockGrokServer grok, Path dataDir, UnaryOperator<ServerOptions> customize) {
        return new GatewayHarness(grok, Grok2ApiServer.start(options(grok, dataDir, customize)), false);
    }

    private static ServerOptions options(MockGrokServer grok, Path dataDir, UnaryOperator<ServerOptions> customize) {
        return customize.apply(ServerOptions.forTests(dataDir)
                .withSetting("grok.base_url", grok.baseUrl())
                .withSetting("grok.assets_url", grok.baseUrl())
                .withSetting("grok.accounts_url", grok.baseUrl()));
    }

    /** Signs in as the default admin and returns the session token. */
    String login() {
        HttpResponse<String> response =
                post("/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) JsonText.at(JsonText.parse(response.body()), "api_key");
    }

    /** Adds basic-pool tokens through the admin API. */
    void addTokens(String session, String... tokens) {
        StringBuilder body = new StringBuilder("{\"pool\":\"ssoBasic\",\"tokens\":[");
        for (int i = 0; i < tokens.length; i++) {
            body.append(i == 0 ? "" : ",").append(JsonText.quote(tokens[i]));
        }
        HttpResponse<String> response =
                post("/api/v1/admin/tokens/add", body.append("]}").toString(), session);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(request(path, bearer).GET().build());
    }

    HttpResponse<String> post(String path, String body, String bearer) {
        return send(request(path, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> patch(String path, String body, String bearer) {
        return send(request(path, bearer)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> postText(String path, String body, String bearer) {
        return send(request(path, bearer)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** POSTs raw bytes with a content type (multipart forms, uploads). */
    HttpResponse<String> postBytes(String path, String contentType, byte[] body, String bearer) {
        return send(request(path, bearer)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** GETs the body as bytes, with extra request headers (e.g. {@code Range}). */
    HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, null).GET();
        headers.forEach(builder::header);
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs and returns the raw SSE body split into lines (the stream is read to its end). */
    HttpResponse<java.util.stream.Stream<String>> postForLines(String path, String body, String bearer) {
        try {
            return http.send(
                    request(path, bearer)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(server.localUrl() + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Object json(HttpResponse<String> response, String path) {
        return JsonText.at(JsonText.parse(response.body()), path);
    }

    static String chatBody(String model, Map<String, String> extraJson, List<String[]> messages) {
        StringBuilder body =
                new StringBuilder("{\"model\":").append(JsonText.quote(model)).append(",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            String[] m = messages.get(i);
            body.append(i == 0 ? "" : ",")
                    .append("{\"role\":")
                    .append(JsonText.quote(m[0]))
                    .append(",\"content\":")
                    .append(JsonText.quote(m[1]))
                    .append('}');
        }
        body.append(']');
        extraJson.forEach(
                (k, v) -> body.append(',').append(JsonText.quote(k)).append(':').append(v));
        return body.append('}').toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (ownsGrok) {
                grok.close();
            }
        }
    }
}
