package dev.grok2api.testkit.grok;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.BufferedSink;

/**
 * A scripted Grok on {@link MockWebServer} that speaks literal Grok wire text. Point {@code grok.base_url} (and the
 * assets and accounts URLs) at {@link #baseUrl()}.
 *
 * <ul>
 *   <li>{@code POST /rest/app-chat/conversations/new} answers with the next {@linkplain #enqueueChat scripted reply};
 *       NDJSON lines are flushed one by one. With nothing scripted it answers 500 and records the call as
 *       unexpected.
 *   <li>{@code POST /rest/rate-limits} answers the reference's superset shape with a per-account counter that starts
 *       at 80 and drops by one per successful chat.
 *   <li>The account-settings calls (accept ToS, set birth date, enable NSFW) succeed: gRPC-web {@code grpc-status: 0}
 *       or {@code {}}.
 *   <li>{@code POST /rest/app-chat/upload-file} decodes and keeps the file and answers {@code fileMetadataId} and
 *       {@code fileUri}; the file is then served at {@code /<fileUri>}.
 *   <li>{@code POST /rest/media/post/create} answers {@code {"post":{"id":"post-<n>"}}}.
 *   <li>{@code GET /ws/imagine/listen} upgrades to a websocket and, on the client's message, plays {@code
 *       imagine.jsonl} (or the {@linkplain #imagineFrames scripted fixture}, where {@code {round}} becomes the number
 *       of the connection, so {@code imagine-rounds.jsonl} draws new images every round); {@link #refuseImagine}
 *       makes the handshake fail with a status.
 *   <li>{@code GET /users/**} and {@code /imagine-public/**} serve asset bytes ({@code image/jpeg}, or {@code
 *       video/mp4} for {@code .mp4}); paths containing {@code missing} answer 404.
 *   <li>{@code GET /rest/assets} pages through {@linkplain #onlineAssets online assets}; {@code DELETE
 *       /rest/assets-metadata/<id>} removes one (404 when unknown).
 * </ul>
 *
 * <p>Every request is recorded. Thread-safe. Use with try-with-resources or close it after the test.
 */
public final class MockGrokServer implements Closeable {
    /** Queries per window the mock grants each account. */
    public static final int WINDOW_QUERIES = 80;

    private final MockWebServer server = new MockWebServer();
    private final Deque<GrokReply> chatReplies = new ConcurrentLinkedDeque<>();
    private final List<RecordedGrokRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final List<String> onlineAssets = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger imagineRounds = new AtomicInteger();
    private final List<String> websocketMessages = new CopyOnWriteArrayList<>();
    private volatile String imagineFixture = "imagine.jsonl";
    private volatile int imagineRefusal;

    private MockGrokServer() {}

    /** Starts a mock on a free loopback port. */
    public static MockGrokServer start() {
        MockGrokServer mock = new MockGrokServer();
        mock.server.setDispatcher(mock.new Router());
        mock.server.setServerSocketFactory(new WideBacklog());
        try {
            mock.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mock;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:51234}, without a trailing slash. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** Scripts the next chat answer; answers are consumed in order. */
    public MockGrokServer enqueueChat(GrokReply reply) {
        chatReplies.addLast(reply);
        return this;
    }

    /** How many scripted chat answers are still waiting. */
    public int pendingChatReplies() {
        return chatReplies.size();
    }

    /** Every request received, in arrival order. */
    public List<RecordedGrokRequest> requests() {
        return List.copyOf(requests);
    }

    /** The chat calls received, in arrival order. */
    public List<RecordedGrokRequest> chatRequests() {
        return requests.stream()
                .filter(r -> r.path().startsWith("/rest/app-chat/conversations/new"))
                .toList();
    }

    /** The only chat call received; fails when there was not exactly one. */
    public RecordedGrokRequest singleChatRequest() {
        List<RecordedGrokRequest> chats = chatRequests();
        if (chats.size() != 1) {
            throw new AssertionError("expected exactly one chat call to the mock Grok, got " + chats.size());
        }
        return chats.get(0);
    }

    /** Fails when scripted answers were left unused or calls arrived that nothing was scripted for. */
    public void assertAllRepliesConsumed() {
        if (!chatReplies.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError("mock Grok: " + chatReplies.size() + " scripted chat replies unused, unexpected"
                    + " calls " + unexpected);
        }
    }

    /** The fixture the imagine websocket plays next ({@code imagine.jsonl}, {@code imagine-error.jsonl}, …). */
    public MockGrokServer imagineFrames(String fixture) {
        imagineFixture = fixture;
        return this;
    }

    /** Makes the imagine websocket handshake fail with this status (0 restores the upgrade). */
    public MockGrokServer refuseImagine(int status) {
        imagineRefusal = status;
        return this;
    }

    /** The text messages clients sent on imagine websockets, in order. */
    public List<String> websocketMessages() {
        return List.copyOf(websocketMessages);
    }

    /** Replaces the account's online assets (ids), as {@code GET /rest/assets} lists them, two per page. */
    public MockGrokServer onlineAssets(List<String> assetIds) {
        onlineAssets.clear();
        onlineAssets.addAll(assetIds);
        return this;
    }

    /** The online assets left. */
    public List<String> onlineAssets() {
        return List.copyOf(onlineAssets);
    }

    /** The bytes of an uploaded file by its {@code fileMetadataId}, or null. */
    public byte[] uploaded(String fileMetadataId) {
        byte[] bytes = uploads.get(fileMetadataId);
        return bytes == null ? null : bytes.clone();
    }

    /**
     * Waits until at least {@code count} chat calls arrived.
     *
     * @return false when they did not arrive within the timeout
     */
    public boolean awaitChatCalls(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (chatRequests().size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
            return true;
        }
    }

    /** Every recorded request whose path starts with the prefix. */
    public List<RecordedGrokRequest> requestsTo(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** Sets the remaining quota the mock reports for an account. */
    public void setRemainingQueries(String sso, int queries) {
        remaining.computeIfAbsent(sso, k -> new AtomicInteger()).set(queries);
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            RecordedGrokRequest recorded = record(request);
            String path = request.getUrl().encodedPath();
            if (path.startsWith("/users/") || path.startsWith("/imagine-public/")) {
                return asset(path);
            }
            if (path.startsWith("/rest/assets-metadata/")) {
                return deleteAsset(path.substring("/rest/assets-metadata/".length()));
            }
            return switch (path) {
                case "/rest/app-chat/upload-file" -> upload(recorded);
                case "/rest/media/post/create" ->
                    json(
                            200,
                            "{\"post\":{\"id\":\"post-" + ids.incrementAndGet()
                                    + "\",\"mediaType\":" + JsonText.quote(String.valueOf(recorded.jsonAt("mediaType")))
                                    + "}}");
                case "/rest/assets" -> listAssets(request.getUrl().queryParameter("pageToken"));
                case "/ws/imagine/listen" -> imagine();
                case "/rest/app-chat/conversations/new" -> chat(recorded);
                case "/rest/rate-limits" -> rateLimits(recorded);
                case "/auth_mgmt.AuthManagement/SetTosAcceptedVersion",
                        "/auth_mgmt.AuthManagement/UpdateUserFeatureControls" -> grpcOk();
                case "/rest/auth/set-birth-date" ->
                    new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "application/json")
                            .body("{}")
                            .build();
                default -> {
                    unexpected.add(request.getMethod() + " " + path);
                    yield new MockResponse.Builder()
                            .code(404)
                            .body("{\"code\":5,\"message\":\"mock Grok has no route " + path + "\"}")
                            .build();
                }
            };
        }

        private MockResponse chat(RecordedGrokRequest request) {
            GrokReply reply = chatReplies.pollFirst();
            if (reply == null) {
                unexpected.add("chat without a scripted reply");
                return new MockResponse.Builder()
                        .code(500)
                        .body("{\"code\":13,\"message\":\"MockGrokServer: no scripted chat reply\"}")
                        .build();
            }
            return switch (reply) {
                case GrokReply.Status status -> {
                    MockResponse.Builder builder = new MockResponse.Builder()
                            .code(status.status())
                            .setHeader("Content-Type", status.contentType())
                            .body(status.body());
                    status.headers().forEach(builder::setHeader);
                    yield builder.build();
                }
                case GrokReply.Stream stream -> {
                    String sso = request.sso();
                    if (sso != null) {
                        counter(sso).updateAndGet(n -> Math.max(0, n - 1));
                    }
                    yield ndjson(new LineByLineBody(stream.lines(), null, true)).build();
                }
                case GrokReply.Stall stall ->
                    ndjson(new LineByLineBody(stall.before(), stall, true)).build();
                case GrokReply.Paced paced -> ndjson(new PacedBody(paced)).build();
                case GrokReply.Cut cut ->
                    ndjson(new LineByLineBody(cut.lines(), null, false))
                            .onResponseEnd(new SocketEffect.CloseSocket())
                            .build();
            };
        }

        /** Hand-framed chunked bodies end their connection: MockWebServer cannot reuse it after a custom body. */
        private MockResponse.Builder ndjson(MockResponseBody body) {
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Connection", "close")
                    .setHeader("Content-Type", "application/json")
                    .setHeader("Transfer-Encoding", "chunked")
                    .body(body);
        }

        private MockResponse upload(RecordedGrokRequest request) {
            Object content = request.jsonAt("content");
            if (!(content instanceof String base64)) {
                return json(400, "{\"code\":3,\"message\":\"content is required\",\"details\":[]}");
            }
            String id = "file-" + ids.incrementAndGet();
            uploads.put(id, Base64.getDecoder().decode(base64));
            return json(200, "{\"fileMetadataId\":\"" + id + "\",\"fileUri\":\"users/mock-user/" + id + "/content\"}");
        }

        private MockResponse asset(String path) {
            if (path.contains("missing")) {
                return json(404, "{\"code\":5,\"message\":\"asset not found\",\"details\":[]}");
            }
            byte[] uploaded = path.endsWith("/content") ? uploads.get(path.split("/")[3]) : null;
            byte[] bytes = uploaded != null ? uploaded : ("mock-asset:" + path).getBytes(StandardCharsets.UTF_8);
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", path.endsWith(".mp4") ? "video/mp4" : "image/jpeg")
                    .body(new okio.Buffer().write(bytes))
                    .build();
        }

        private MockResponse listAssets(String pageToken) {
            int from = pageToken == null ? 0 : Integer.parseInt(pageToken.substring("page-".length()));
            List<String> all = List.copyOf(onlineAssets);
            int to = Math.min(all.size(), from + 2);
            StringBuilder body = new StringBuilder("{\"assets\":[");
            for (int i = from; i < to; i++) {
                body.append(i == from ? "" : ",")
                        .append("{\"assetId\":")
                        .append(JsonText.quote(all.get(i)))
                        .append('}');
            }
            body.append(']');
            if (to < all.size()) {
                body.append(",\"nextPageToken\":\"page-").append(to).append('"');
            }
            return json(200, body.append('}').toString());
        }

        private MockResponse deleteAsset(String id) {
            return onlineAssets.remove(id)
                    ? json(200, "{}")
                    : json(404, "{\"code\":5,\"message\":\"asset not found\",\"details\":[]}");
        }

        private MockResponse imagine() {
            if (imagineRefusal != 0) {
                return json(
                        imagineRefusal,
                        imagineRefusal == 403
                                ? GrokReply.resource("anti-bot.json").strip()
                                : "{\"code\":16,\"message\":\"[WKE=unauthorized:invalid-credentials]\",\"details\":[]}");
            }
            String fixture = imagineFixture;
            String round = Integer.toString(imagineRounds.incrementAndGet());
            return new MockResponse.Builder()
                    .webSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket webSocket, String text) {
                            websocketMessages.add(text);
                            for (String frame :
                                    GrokReply.resource(fixture).lines().toList()) {
                                if (!frame.isBlank()) {
                                    webSocket.send(
                                            frame.replace("{assets}", baseUrl()).replace("{round}", round));
                                }
                            }
                        }

                        @Override
                        public void onClosing(WebSocket webSocket, int code, String reason) {
                            webSocket.close(1000, null);
                        }

                        @Override
                        public void onFailure(WebSocket webSocket, Throwable t, okhttp3.Response response) {
                            // The gateway dropped the socket: it is already closed, and a server-side web socket
                            // has no call to cancel (cancel() would throw).
                        }
                    })
                    .build();
        }

        private MockResponse json(int status, String body) {
            return new MockResponse.Builder()
                    .code(status)
                    .setHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        }

        /** An empty gRPC-web message frame with {@code grpc-status: 0}. */
        private MockResponse grpcOk() {
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/grpc-web+proto")
                    .setHeader("grpc-status", "0")
                    .body(new okio.Buffer().write(new byte[] {0, 0, 0, 0, 0}))
                    .build();
        }

        private MockResponse rateLimits(RecordedGrokRequest request) {
            String sso = request.sso();
            int left = sso == null ? 0 : counter(sso).get();
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body("{\"windowSizeSeconds\":72000,\"remainingQueries\":" + left + ",\"totalQueries\":"
                            + WINDOW_QUERIES + ",\"remainingTokens\":" + left + ",\"totalTokens\":"
                            + WINDOW_QUERIES + ",\"lowEffortRateLimits\":null,\"highEffortRateLimits\":null}")
                    .build();
        }
    }

    /** Writes each line as its own chunk after the reply's pause, as a model generating tokens would. */
    private static final class PacedBody implements MockResponseBody {
        private final GrokReply.Paced reply;

        PacedBody(GrokReply.Paced reply) {
            this.reply = reply;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            long pause = reply.perLine().toNanos();
            for (String line : reply.lines()) {
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
                new LineByLineBody(List.of(line), null, false).writeTo(sink);
            }
            sink.writeUtf8("0\r\n\r\n");
            sink.flush();
        }
    }

    /** Server sockets with a deep accept queue, so load tests with many concurrent connections are not refused. */
    private static final class WideBacklog extends javax.net.ServerSocketFactory {
        private static final int BACKLOG = 4096;

        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public void bind(java.net.SocketAddress endpoint, int backlog) throws IOException {
                    super.bind(endpoint, Math.max(backlog, BACKLOG));
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            return new java.net.ServerSocket(port, BACKLOG);
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return new java.net.ServerSocket(port, Math.max(backlog, BACKLOG));
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                throws IOException {
            return new java.net.ServerSocket(port, Math.max(backlog, BACKLOG), address);
        }
    }

    private AtomicInteger counter(String sso) {
        return remaining.computeIfAbsent(sso, k -> new AtomicInteger(WINDOW_QUERIES));
    }

    private RecordedGrokRequest record(RecordedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
            headers.put(
                    name.toLowerCase(Locale.ROOT),
                    new ArrayList<>(request.getHeaders().values(name)));
        }
        RecordedGrokRequest recorded = new RecordedGrokRequest(
                request.getMethod(),
                request.getTarget(),
                headers,
                request.getBody() == null ? "" : request.getBody().utf8(),
                request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
        synchronized (requests) {
            requests.add(recorded);
            requests.notifyAll();
        }
        return recorded;
    }

    /**
     * Writes each NDJSON line as its own HTTP/1.1 chunk and flushes it, as Grok streams. MockWebServer sends custom
     * bodies verbatim, so the chunk framing is written here. A stall holds the stream open until released, probing
     * the connection with blank lines so a client that goes away is noticed at once.
     */
    private static final class LineByLineBody implements MockResponseBody {
        private static final long PROBE_MILLIS = 20;

        private final List<String> lines;
        private final GrokReply.Stall stall;
        private final boolean end;

        LineByLineBody(List<String> lines, GrokReply.Stall stall, boolean end) {
            this.lines = lines;
            this.stall = stall;
            this.end = end;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try {
                writeLines(sink, lines);
                if (stall != null) {
                    while (!stall.released().await(PROBE_MILLIS, TimeUnit.MILLISECONDS)) {
                        writeLines(sink, List.of(""));
                    }
                    writeLines(sink, stall.after());
                }
                if (end) {
                    sink.writeUtf8("0\r\n\r\n");
                    sink.flush();
                }
            } catch (IOException e) {
                if (stall != null) {
                    stall.disconnected().countDown();
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private static void writeLines(BufferedSink sink, List<String> lines) throws IOException {
            for (String line : lines) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n");
                sink.write(bytes).writeUtf8("\r\n");
                sink.flush();
            }
        }
    }
}
