package dev.grok2api.benchmarks;

import dev.grok2api.testkit.grok.GrokReply;
import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.MockGrokServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback relay benchmark, run by {@code scripts/bench/relay}. Every figure is reported next to a baseline measured in
 * the same run, as a ratio:
 *
 * <ol>
 *   <li><b>Start-up</b>: the server jar's start to ready ({@code /health} answers) on a fresh data directory, on a
 *       restart, and on a restart as {@code scripts/grok2api serve} starts it (with a class-data archive), against a
 *       JVM that starts a trivial main from a jar; its idle resident memory against that trivial JVM idling with the
 *       same heap cap; with {@code -Xmx256m}, and idle memory also with the JVM's default heap.
 *   <li><b>Relay</b>: a 2,000-token answer read straight from {@link MockGrokServer} and through the proxy,
 *       interleaved, after a warm-up — unpaced (the mock writes as fast as it can: the worst case for relay overhead)
 *       and paced (a pause before every line, as a model generating tokens). Wall time ratio (medians), the time to
 *       the first token added by the proxy at p50/p90/p99, and the server's CPU time per relayed answer.
 *   <li><b>Concurrency</b>: N simultaneous streaming chats through the proxy against N simultaneous direct reads of
 *       the same paced answers:
 *       errors, time-to-first-token percentiles, wall time, and the server's peak resident memory.
 * </ol>
 *
 * <p>Time to first token: directly, until the first NDJSON line with a {@code token}; through the proxy, until the
 * first chunk with non-empty {@code content} or {@code reasoning_content} — the moment a user sees the answer start.
 *
 * <p>Arguments: {@code <server jar> <bench jar> [rounds=200] [concurrent=1000] [paced ms per line=0.5] [concurrent ms
 * per line=20] [concurrent answer tokens=500]} — the concurrent run's default is a model streaming 50 tokens a second. {@code RELAY_SERVER_OPTS} adds JVM options to the server (e.g. a JFR recording). Loopback only; every
 * loop is bounded; it stops by itself.
 */
public final class RelayBench {
    private static final String CHAT = "/rest/app-chat/conversations/new";
    private static final String DIRECT_BODY = "{\"modelName\":\"grok-3\",\"message\":\"bench\"}";
    private static final String PROXY_BODY = "{\"model\":\"grok-4.1-thinking\",\"stream\":true,\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"bench\"}]}";
    private static final int WARMUP = 300;
    private static final int PACED_ROUNDS = 10;
    private static final int PACED_WARMUP = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Path serverJar;
    private final Path benchJar;
    private final MockGrokServer grok;
    private final List<String> answer;

    private RelayBench(Path serverJar, Path benchJar, MockGrokServer grok) {
        this.serverJar = serverJar;
        this.benchJar = benchJar;
        this.grok = grok;
        this.answer = StreamTranslationBenchmark.answer(2000).lines().toList();
    }

    public static void main(String[] args) throws Exception {
        Path serverJar = Path.of(args[0]);
        Path benchJar = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        Duration paced = millis(args.length > 4 ? args[4] : "0.5");
        Duration concurrentPace = millis(args.length > 5 ? args[5] : "20");
        int concurrentTokens = args.length > 6 ? Integer.parseInt(args[6]) : 500;
        try (MockGrokServer grok = MockGrokServer.start()) {
            new RelayBench(serverJar, benchJar, grok).run(rounds, concurrent, paced, concurrentPace, concurrentTokens);
        }
    }

    private void run(int rounds, int concurrent, Duration paced, Duration concurrentPace, int concurrentTokens)
            throws Exception {
        Path data = Files.createTempDirectory("grok2api-relay");
        System.out.printf(Locale.ROOT, "== start-up (server jar %s) ==%n", serverJar.getFileName());
        Sample jvm = baselineJvm();
        Server fresh = Server.start(this, data, List.of("-Xmx256m"));
        long freshReady = fresh.readyNanos;
        long freshIdle = fresh.idleRss();
        fresh.stop();
        Server defaultHeap = Server.start(this, data, List.of());
        long defaultIdle = defaultHeap.idleRss();
        defaultHeap.stop();
        // As scripts/grok2api serve starts it: the first start writes the class-data archive, later ones map it.
        List<String> launcher = List.of(
                "-Xmx256m", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + data.resolve("relay.jsa"));
        Server.start(this, data, launcher).stop();
        Server archived = Server.start(this, data, launcher);
        long archivedReady = archived.readyNanos;
        archived.stop();
        Server server = Server.start(this, data, List.of("-Xmx256m"));
        try {
            long idle = server.idleRss();
            System.out.printf(
                    Locale.ROOT,
                    "start to ready (goal < 2 s): fresh data dir %.0f ms, restart %.0f ms, restart as scripts/grok2api"
                            + " serve starts it (class-data archive) %.0f ms; baseline trivial JVM %.0f ms; ratios"
                            + " %.1f / %.1f / %.1f%n",
                    freshReady / 1e6,
                    server.readyNanos / 1e6,
                    archivedReady / 1e6,
                    jvm.startNanos / 1e6,
                    (double) freshReady / jvm.startNanos,
                    (double) server.readyNanos / jvm.startNanos,
                    (double) archivedReady / jvm.startNanos);
            System.out.printf(
                    Locale.ROOT,
                    "idle RSS (goal < 200 MB): -Xmx256m %.0f MB (fresh start %.0f MB), default heap %.0f MB; baseline"
                            + " idle trivial JVM -Xmx256m %.0f MB; ratio %.1f%n",
                    idle / 1024.0,
                    freshIdle / 1024.0,
                    defaultIdle / 1024.0,
                    jvm.idleRssKb / 1024.0,
                    (double) idle / jvm.idleRssKb);
            String proxy = server.baseUrl;
            addTokens(proxy, 100);
            enqueue(WARMUP * 2, Duration.ZERO);
            for (int i = 0; i < WARMUP; i++) {
                read(grok.baseUrl() + CHAT, DIRECT_BODY, "\"token\":\"");
                read(proxy + "/v1/chat/completions", PROXY_BODY, "content\":\"");
            }
            relay("unpaced", server, rounds, Duration.ZERO);
            // The paced path (spaced flushes, waits between lines) compiles on its own: warm it too.
            enqueue(PACED_WARMUP, paced);
            for (int i = 0; i < PACED_WARMUP; i++) {
                read(proxy + "/v1/chat/completions", PROXY_BODY, "content\":\"");
            }
            relay("paced", server, PACED_ROUNDS, paced);
            concurrency(server, concurrent, concurrentPace, concurrentTokens);
        } finally {
            server.stop();
        }
    }

    /** Interleaved direct and proxied reads of the same answer. */
    private void relay(String name, Server server, int rounds, Duration pace) throws Exception {
        enqueue(rounds * 2, pace);
        List<Long> directTotal = new ArrayList<>();
        List<Long> proxyTotal = new ArrayList<>();
        List<Long> directFirst = new ArrayList<>();
        List<Long> proxyFirst = new ArrayList<>();
        long cpuBefore = server.cpuNanos();
        for (int i = 0; i < rounds; i++) {
            long[] d = read(grok.baseUrl() + CHAT, DIRECT_BODY, "\"token\":\"");
            long[] p = read(server.baseUrl + "/v1/chat/completions", PROXY_BODY, "content\":\"");
            directFirst.add(d[0]);
            directTotal.add(d[1]);
            proxyFirst.add(p[0]);
            proxyTotal.add(p[1]);
        }
        long cpuPerAnswer = (server.cpuNanos() - cpuBefore) / rounds;
        System.out.printf(
                Locale.ROOT,
                "== relay, %s (%.3f ms per upstream line, %d rounds) ==%n",
                name,
                pace.toNanos() / 1e6,
                rounds);
        System.out.printf(
                Locale.ROOT,
                "2000-token answer, median wall: direct %.2f ms, proxy %.2f ms, ratio %.3f (goal < 1.10)%n",
                percentile(directTotal, 50) / 1e6,
                percentile(proxyTotal, 50) / 1e6,
                percentile(proxyTotal, 50) / percentile(directTotal, 50));
        for (int p : new int[] {50, 90, 99}) {
            System.out.printf(
                    Locale.ROOT,
                    "time to first token p%d: direct %.2f ms, proxy %.2f ms, added %.2f ms, ratio %.2f%s%n",
                    p,
                    percentile(directFirst, p) / 1e6,
                    percentile(proxyFirst, p) / 1e6,
                    (percentile(proxyFirst, p) - percentile(directFirst, p)) / 1e6,
                    percentile(proxyFirst, p) / percentile(directFirst, p),
                    p == 50 ? " (goal: added < 2 ms)" : "");
        }
        System.out.printf(
                Locale.ROOT,
                "server CPU per relayed answer: %.2f ms (%.2f of the direct wall time)%n",
                cpuPerAnswer / 1e6,
                cpuPerAnswer / percentile(directTotal, 50));
    }

    private void concurrency(Server server, int n, Duration pace, int tokens) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "== %d concurrent streaming chats (%d-token answers, %.3f ms per upstream line) ==%n",
                n,
                tokens,
                pace.toNanos() / 1e6);
        List<String> lines = StreamTranslationBenchmark.answer(tokens).lines().toList();
        enqueue(n, lines, pace);
        Load direct = load(n, grok.baseUrl() + CHAT, DIRECT_BODY, "\"token\":\"", "\"modelResponse\"");
        enqueue(n, lines, pace);
        long cpuBefore = server.cpuNanos();
        long benchCpuBefore = ownCpuNanos();
        Load proxied = load(n, server.baseUrl + "/v1/chat/completions", PROXY_BODY, "content\":\"", "data: [DONE]");
        long serverCpu = server.cpuNanos() - cpuBefore;
        long benchCpu = ownCpuNanos() - benchCpuBefore;
        System.out.printf(
                Locale.ROOT,
                "errors: direct %d, proxy %d (goal 0); wall: direct %.1f s, proxy %.1f s, ratio %.2f%n",
                direct.errors,
                proxied.errors,
                direct.wallNanos / 1e9,
                proxied.wallNanos / 1e9,
                (double) proxied.wallNanos / direct.wallNanos);
        for (int p : new int[] {50, 90, 99, 100}) {
            System.out.printf(
                    Locale.ROOT,
                    "time to first token p%d: direct %.0f ms, proxy %.0f ms, ratio %.2f%n",
                    p,
                    percentile(direct.firstTokens, p) / 1e6,
                    percentile(proxied.firstTokens, p) / 1e6,
                    percentile(proxied.firstTokens, p) / percentile(direct.firstTokens, p));
        }
        System.out.printf(
                Locale.ROOT,
                "CPU during the proxied run: server %.1f s (%.2f cores, %.0f µs per streamed token), load generator"
                        + " (mock and clients) %.1f s (%.2f cores)%n",
                serverCpu / 1e9,
                (double) serverCpu / proxied.wallNanos,
                serverCpu / 1e3 / ((double) n * tokens),
                benchCpu / 1e9,
                (double) benchCpu / proxied.wallNanos);
        System.out.printf(
                Locale.ROOT,
                "server peak RSS over the whole run: %.0f MB with -Xmx256m%n",
                server.status("VmHWM") / 1024.0);
        proxied.reasons.forEach((reason, count) -> System.out.println("  proxy error x" + count + ": " + reason));
        direct.reasons.forEach((reason, count) -> System.out.println("  direct error x" + count + ": " + reason));
    }

    private record Load(int errors, long wallNanos, List<Long> firstTokens, Map<String, Integer> reasons) {}

    /** N reads at once, all released together; each must contain {@code complete} to count as a success. */
    private static Load load(int n, String url, String body, String token, String complete) throws Exception {
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        List<Long> firstTokens = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        long start;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(clients.submit(() -> {
                    try {
                        go.await();
                        long begin = System.nanoTime();
                        HttpResponse<InputStream> response = HTTP.send(
                                post(url, body).timeout(Duration.ofSeconds(120)).build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = response.body()) {
                            Reading reading = Reading.of(in, token, begin);
                            if (response.statusCode() != 200 || !reading.tail().contains(complete)) {
                                errors.incrementAndGet();
                                reasons.merge(
                                        "HTTP " + response.statusCode() + " " + reading.reason(), 1, Integer::sum);
                            } else {
                                firstTokens.add(reading.firstToken());
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        reasons.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
            }
            start = System.nanoTime();
            go.countDown();
            for (Future<?> future : all) {
                future.get();
            }
        }
        return new Load(errors.get(), System.nanoTime() - start, firstTokens, reasons);
    }

    /** A response read to its end, keeping its start and its last bytes, with the time its first token arrived. */
    private record Reading(String head, String tail, long firstToken) {
        private static final int TAIL = 32 * 1024;

        static Reading of(InputStream in, String token, long begin) throws IOException {
            StringBuilder head = new StringBuilder();
            byte[] last = new byte[0];
            byte[] buffer = new byte[16 * 1024];
            long firstToken = -1;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (firstToken < 0) {
                    head.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (tokenAt(head, token, 0) >= 0) {
                        firstToken = System.nanoTime() - begin;
                    }
                }
                byte[] joined = new byte[last.length + n];
                System.arraycopy(last, 0, joined, 0, last.length);
                System.arraycopy(buffer, 0, joined, last.length, n);
                last = java.util.Arrays.copyOfRange(joined, Math.max(0, joined.length - TAIL), joined.length);
            }
            return new Reading(head.toString(), new String(last, StandardCharsets.UTF_8), firstToken);
        }

        /** The part of the response that explains a failure. */
        String reason() {
            String text = tail.contains("\"error\"") ? tail : head;
            int at = Math.max(0, text.indexOf("\"error\""));
            return text.substring(at, Math.min(text.length(), at + 160));
        }
    }

    /** POSTs, times the first token, reads the rest; returns {time to first token, total} in nanoseconds. */
    private static long[] read(String url, String body, String token) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response =
                HTTP.send(post(url, body).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            StringBuilder head = new StringBuilder();
            byte[] buffer = new byte[4096];
            long firstToken = -1;
            while (firstToken < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IllegalStateException(url + " ended before its first token");
                }
                head.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (tokenAt(head, token, 0) >= 0) {
                    firstToken = System.nanoTime() - start;
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
            return new long[] {firstToken, System.nanoTime() - start};
        }
    }

    /** Where a token with a non-empty value starts ({@code token} ends with the opening quote), or -1. */
    private static int tokenAt(CharSequence text, String token, int from) {
        String s = text.toString();
        for (int at = s.indexOf(token, from); at >= 0; at = s.indexOf(token, at + 1)) {
            int value = at + token.length();
            if (value < s.length() && s.charAt(value) != '"') {
                return at;
            }
        }
        return -1;
    }

    private void enqueue(int replies, Duration pace) {
        enqueue(replies, answer, pace);
    }

    private void enqueue(int replies, List<String> lines, Duration pace) {
        for (int i = 0; i < replies; i++) {
            grok.enqueueChat(pace.isZero() ? new GrokReply.Stream(lines) : new GrokReply.Paced(lines, pace));
        }
    }

    private record Sample(long startNanos, long idleRssKb) {}

    /** A trivial main in a jar: its start to exit (median of three), and its resident memory while idle. */
    private Sample baselineJvm() throws Exception {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long begin = System.nanoTime();
            Process process = java(List.of("-Xmx256m", "-cp", benchJar.toString(), IdleJvm.class.getName(), "exit"))
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the baseline JVM failed");
            }
            starts.add(System.nanoTime() - begin);
        }
        Process idle = java(List.of("-Xmx256m", "-cp", benchJar.toString(), IdleJvm.class.getName()))
                .start();
        try {
            idle.getInputStream().read(); // the JVM says it is up
            Thread.sleep(Server.SETTLE.toMillis());
            return new Sample((long) percentile(starts, 50), status(idle.pid(), "VmRSS"));
        } finally {
            idle.destroy();
            idle.waitFor();
        }
    }

    /** One server process. */
    private static final class Server {
        static final Duration SETTLE = Duration.ofSeconds(2);

        final Process process;
        final String baseUrl;
        final long readyNanos;

        private Server(Process process, String baseUrl, long readyNanos) {
            this.process = process;
            this.baseUrl = baseUrl;
            this.readyNanos = readyNanos;
        }

        static Server start(RelayBench bench, Path data, List<String> jvmOptions) throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>(jvmOptions);
            String extra = System.getenv("RELAY_SERVER_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", bench.serverJar.toString()));
            ProcessBuilder builder = java(command);
            builder.environment().put("SERVER_HOST", "127.0.0.1");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("GROK2API_DATA_DIR", data.toString());
            builder.environment().put("GROK2API_GROK_BASE_URL", bench.grok.baseUrl());
            builder.environment().put("GROK2API_GROK_ASSETS_URL", bench.grok.baseUrl());
            builder.environment().put("GROK2API_GROK_ACCOUNTS_URL", bench.grok.baseUrl());
            builder.environment().put("LOG_LEVEL", "WARN");
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            data.resolve("server.log").toFile()));
            long begin = System.nanoTime();
            Process process = builder.start();
            String baseUrl = "http://127.0.0.1:" + port;
            awaitHealthy(baseUrl, process);
            return new Server(process, baseUrl, System.nanoTime() - begin);
        }

        /** Resident memory after the server has been idle for a moment, in kB. */
        long idleRss() throws Exception {
            Thread.sleep(SETTLE.toMillis());
            return status("VmRSS");
        }

        long status(String field) throws IOException {
            return RelayBench.status(process.pid(), field);
        }

        /** User plus system CPU time of the process so far. */
        long cpuNanos() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static void awaitHealthy(String base, Process server) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the server did not become healthy; see server.log in the data directory");
    }

    private static void addTokens(String base, int count) throws IOException, InterruptedException {
        HttpResponse<String> login = HTTP.send(
                post(base + "/api/v1/admin/login", "{\"username\":\"admin\",\"password\":\"admin\"}")
                        .build(),
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

    /** CPU time of this process (the mock and the clients). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static ProcessBuilder java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    /** A {@code /proc/<pid>/status} field in kB ({@code VmRSS}, {@code VmHWM}). */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(
                        line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IOException(field + " not found for process " + pid);
    }

    private static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static Duration millis(String value) {
        return Duration.ofNanos((long) (Double.parseDouble(value) * 1e6));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
