package dev.grok2api.benchmarks;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.MockGrokServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback relay benchmark, run by {@code scripts/bench/relay}: starts {@link MockGrokServer} and the real server jar
 * as a separate process ({@code -Xmx256m}), then
 *
 * <ol>
 *   <li>streams a 2,000-token answer straight from the mock and through the proxy, interleaved, and reports the wall
 *       time ratio (proxy / direct) and the added time to first byte, medians over the rounds;
 *   <li>runs N concurrent streaming chats through the proxy and reports errors, time-to-first-byte percentiles and
 *       the server's peak resident memory ({@code VmHWM}).
 * </ol>
 *
 * <p>Arguments: {@code <server jar> [rounds=30] [concurrent=1000] [ms per upstream line=0]}. With no pacing the mock
 * writes lines as fast as it can, the worst case for relay overhead; a pacing closer to a real model (Grok streams
 * tens of tokens per second) shows the overhead a user sees. Every loop is bounded; it stops by itself.
 */
public final class RelayBench {
    private static final String CHAT = "/rest/app-chat/conversations/new";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private RelayBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int concurrent = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Duration pace = Duration.ofNanos(args.length > 3 ? (long) (Double.parseDouble(args[3]) * 1e6) : 0);
        List<String> answer = StreamTranslationBenchmark.answer(2000).lines().toList();
        try (MockGrokServer grok = MockGrokServer.start()) {
            for (int i = 0; i < 2 * rounds + concurrent + 10; i++) {
                grok.enqueueChat(pace.isZero() ? new GrokReply.Stream(answer) : new GrokReply.Paced(answer, pace));
            }
            System.out.printf(Locale.ROOT, "mock pacing: %.3f ms per line%n", pace.toNanos() / 1e6);
            Path data = Files.createTempDirectory("grok2api-relay");
            int port = freePort();
            Process server = startServer(jar, data, port, grok.baseUrl());
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(base, server);
                addTokens(base, 100);
                relay(base, grok.baseUrl(), rounds);
                concurrency(base, concurrent, server.pid());
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static void relay(String proxy, String mock, int rounds) throws Exception {
        String direct = "{\"modelName\":\"grok-3\",\"message\":\"bench\"}";
        String chat = "{\"model\":\"grok-4.1-thinking\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"bench\"}]}";
        // Warm both paths (JIT, connection setup) before measuring.
        for (int i = 0; i < 3; i++) {
            read(mock + CHAT, direct);
            read(proxy + "/v1/chat/completions", chat);
        }
        List<Long> directTotal = new ArrayList<>();
        List<Long> proxyTotal = new ArrayList<>();
        List<Long> directFirst = new ArrayList<>();
        List<Long> proxyFirst = new ArrayList<>();
        for (int i = 0; i < rounds - 3; i++) {
            long[] d = read(mock + CHAT, direct);
            long[] p = read(proxy + "/v1/chat/completions", chat);
            directFirst.add(d[0]);
            directTotal.add(d[1]);
            proxyFirst.add(p[0]);
            proxyTotal.add(p[1]);
        }
        double ratio = (double) median(proxyTotal) / median(directTotal);
        System.out.printf(
                Locale.ROOT,
                "relay 2000-token stream: direct %.2f ms, proxy %.2f ms, ratio %.3f (goal < 1.10)%n",
                median(directTotal) / 1e6,
                median(proxyTotal) / 1e6,
                ratio);
        System.out.printf(
                Locale.ROOT,
                "time to first byte p50: direct %.2f ms, proxy %.2f ms, added %.2f ms (goal < 2 ms)%n",
                median(directFirst) / 1e6,
                median(proxyFirst) / 1e6,
                (median(proxyFirst) - median(directFirst)) / 1e6);
    }

    /** POSTs and reads the whole body; returns {time to first body byte, total} in nanoseconds. */
    private static long[] read(String url, String body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response =
                HTTP.send(postRequest(url, body), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            int first = in.read();
            long firstByte = System.nanoTime() - start;
            if (response.statusCode() != 200 || first < 0) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            in.transferTo(OutputStreamSink.INSTANCE);
            return new long[] {firstByte, System.nanoTime() - start};
        }
    }

    private static void concurrency(String proxy, int n, long pid) throws Exception {
        String chat = "{\"model\":\"grok-4.1-thinking\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"bench\"}]}";
        AtomicInteger errors = new AtomicInteger();
        java.util.Map<String, Integer> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        List<Long> firstBytes = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(() -> {
                    try {
                        long begin = System.nanoTime();
                        HttpResponse<InputStream> response = HTTP.send(
                                post(proxy + "/v1/chat/completions", chat)
                                        .timeout(Duration.ofSeconds(120))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = response.body()) {
                            if (in.read() < 0 || response.statusCode() != 200) {
                                errors.incrementAndGet();
                                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                                reasons.merge(
                                        "HTTP " + response.statusCode() + " "
                                                + body.substring(0, Math.min(160, body.length())),
                                        1,
                                        Integer::sum);
                                return;
                            }
                            firstBytes.add(System.nanoTime() - begin);
                            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            if (!rest.endsWith("data: [DONE]\n\n") || rest.contains("\"error\":{")) {
                                errors.incrementAndGet();
                                int at = rest.indexOf("\"error\":{");
                                reasons.merge(
                                        at < 0
                                                ? "stream without [DONE]"
                                                : rest.substring(at, Math.min(rest.length(), at + 160)),
                                        1,
                                        Integer::sum);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        reasons.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Future<?> future : all) {
                future.get();
            }
        }
        long wall = System.nanoTime() - start;
        List<Long> sorted = new ArrayList<>(firstBytes);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%d concurrent streaming chats (server -Xmx256m): errors %d, wall %.1f s, TTFB p50 %.0f ms, p90 %.0f"
                        + " ms, p99 %.0f ms, max %.0f ms; server peak RSS %s%n",
                n,
                errors.get(),
                wall / 1e9,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 90) / 1e6,
                percentile(sorted, 99) / 1e6,
                percentile(sorted, 100) / 1e6,
                peakRss(pid));
        reasons.forEach((reason, count) -> System.out.println("  error x" + count + ": " + reason));
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest postRequest(String url, String body) {
        return post(url, body).build();
    }

    private static Process startServer(Path jar, Path data, int port, String mock) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        String extra = System.getenv("RELAY_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("GROK2API_DATA_DIR", data.toString());
        builder.environment().put("GROK2API_GROK_BASE_URL", mock);
        builder.environment().put("GROK2API_GROK_ASSETS_URL", mock);
        builder.environment().put("GROK2API_GROK_ACCOUNTS_URL", mock);
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        return builder.start();
    }

    private static void awaitHealthy(String base, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server did not become healthy");
    }

    private static void addTokens(String base, int count) throws IOException, InterruptedException {
        HttpResponse<String> login = HTTP.send(
                postRequest(base + "/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}"),
                HttpResponse.BodyHandlers.ofString());
        String session = (String) JsonText.at(JsonText.parse(login.body()), "api_key");
        StringBuilder tokens = new StringBuilder("{\"pool\":\"ssoBasic\",\"tokens\":[");
        for (int i = 0; i < count; i++) {
            tokens.append(i == 0 ? "" : ",")
                    .append("\"bench-account-")
                    .append(i)
                    .append('"');
        }
        HttpResponse<String> added = HTTP.send(
                post(base + "/api/v1/admin/tokens/add", tokens.append("]}").toString())
                        .header("Authorization", "Bearer " + session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 200) {
            throw new IllegalStateException("adding tokens failed: " + added.body());
        }
    }

    private static String peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Discards bytes. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
