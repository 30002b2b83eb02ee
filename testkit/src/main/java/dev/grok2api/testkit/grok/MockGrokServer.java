package dev.grok2api.testkit.grok;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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

    private MockGrokServer() {}

    /** Starts a mock on a free loopback port. */
    public static MockGrokServer start() {
        MockGrokServer mock = new MockGrokServer();
        mock.server.setDispatcher(mock.new Router());
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
            return switch (path) {
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
                    // A hand-framed chunked body ends its connection: MockWebServer cannot reuse it afterwards.
                    yield new MockResponse.Builder()
                            .code(200)
                            .setHeader("Connection", "close")
                            .setHeader("Content-Type", "application/json")
                            .setHeader("Transfer-Encoding", "chunked")
                            .body(new LineByLineBody(stream.lines()))
                            .build();
                }
            };
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
        requests.add(recorded);
        return recorded;
    }

    /**
     * Writes each NDJSON line as its own HTTP/1.1 chunk and flushes it, as Grok streams. MockWebServer sends custom
     * bodies verbatim, so the chunk framing is written here.
     */
    private static final class LineByLineBody implements MockResponseBody {
        private final List<String> lines;

        LineByLineBody(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            for (String line : lines) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n");
                sink.write(bytes).writeUtf8("\r\n");
                sink.flush();
            }
            sink.writeUtf8("0\r\n\r\n");
            sink.flush();
        }
    }
}
