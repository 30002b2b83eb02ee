package dev.grok2api.benchmarks;

import dev.grok2api.server.javalin.Grok2ApiServer;
import dev.grok2api.server.javalin.config.ServerOptions;
import dev.grok2api.testkit.grok.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the token page asks for when it opens, with 100,000 accounts in SQLite: the first page of the listing (and
 * its other sorts, a filter, a search, a deep page) and the statistics cards, through the real server over loopback
 * HTTP. The same requests against 1,000 accounts, measured in the same run, are the baseline; the ratio shows how
 * the page scales (a discarded warm-up run comes first). The very first request after the import is reported on its
 * own (cold), then the median of 20 runs per request. A plain measurement: it prints figures and asserts nothing.
 *
 * <p>Usage: {@code java -cp benchmarks/target/grok2api-benchmarks.jar dev.grok2api.benchmarks.TokenPageBenchmark
 * [tokens]}.
 */
public final class TokenPageBenchmark {
    private static final int RUNS = 20;
    private static final int BASELINE_TOKENS = 1_000;
    private static final Map<String, String> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("first page (oldest first, 50 rows)", "/api/v1/admin/tokens/page?page=1&page_size=50");
        REQUESTS.put("first page, most quota first", "/api/v1/admin/tokens/page?page=1&page_size=50&sort=quota_desc");
        REQUESTS.put("first page, recently used", "/api/v1/admin/tokens/page?page=1&page_size=50&sort=last_used_desc");
        REQUESTS.put("status filter (cooling)", "/api/v1/admin/tokens/page?page=1&page_size=50&status=cooling");
        REQUESTS.put("search (q=77)", "/api/v1/admin/tokens/page?page=1&page_size=50&q=77");
        REQUESTS.put("last page", "/api/v1/admin/tokens/page?page=%d&page_size=50");
        REQUESTS.put("statistics cards", "/api/v1/admin/tokens/stats");
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TokenPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        measure(BASELINE_TOKENS); // warm-up: compiles the server's hot paths so the baseline is not the JIT's cost
        Map<String, long[]> baseline = measure(BASELINE_TOKENS);
        Map<String, long[]> large = measure(tokens);
        System.out.printf("%-40s %14s %14s %8s%n", "request", tokens + " (ms)", BASELINE_TOKENS + " (ms)", "ratio");
        large.forEach((name, times) -> {
            if (name.equals("cold")) {
                return;
            }
            long[] base = baseline.get(name);
            System.out.printf(
                    "%-40s %14.2f %14.2f %8.1f%n",
                    name, times[1] / 1e6, base[1] / 1e6, (double) times[1] / Math.max(1, base[1]));
        });
        System.out.printf(
                "first request after the import (cold): %.1f ms with %,d tokens, %.1f ms with %,d%n",
                large.get("cold")[0] / 1e6, tokens, baseline.get("cold")[0] / 1e6, BASELINE_TOKENS);
        System.exit(0);
    }

    /** Per request: {cold, median} nanoseconds; key "cold" holds the very first page request. */
    private static Map<String, long[]> measure(int count) throws Exception {
        Path dir = Files.createTempDirectory("grok2api-page-bench");
        ServerOptions options = ServerOptions.forTests(dir)
                .withSetting("token.auto_refresh", false)
                .withSetting("grok.base_url", "http://127.0.0.1:9");
        try (Grok2ApiServer server = Grok2ApiServer.start(options)) {
            String base = server.localUrl();
            String session = login(base);
            importTokens(base, session, count);
            Map<String, long[]> out = new LinkedHashMap<>();
            long cold = time(base + "/api/v1/admin/tokens/page?page=1&page_size=50", session);
            out.put("cold", new long[] {cold, cold});
            int lastPage = (count + 49) / 50;
            for (Map.Entry<String, String> request : REQUESTS.entrySet()) {
                String url = base + request.getValue().formatted(lastPage);
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    times.add(time(url, session));
                }
                long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(sorted);
                out.put(request.getKey(), new long[] {times.get(0), sorted[sorted.length / 2]});
            }
            return out;
        }
    }

    private static String login(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return (String) JsonText.at(JsonText.parse(response.body()), "api_key");
    }

    private static void importTokens(String base, String session, int count) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder(count * 48);
        for (int i = 0; i < count; i++) {
            text.append("eyJhbGciOiJIUzI1NiJ9.bench-").append(i).append(".signature\n");
        }
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/tokens/import?account_settings=false"))
                        .header("Authorization", "Bearer " + session)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Object added = JsonText.at(JsonText.parse(response.body()), "added");
        if (((Number) added).intValue() != count) {
            throw new IllegalStateException("import added " + added + " of " + count + ": " + response.body());
        }
    }

    private static long time(String url, String session) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + session)
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }
}
