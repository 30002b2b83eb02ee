package dev.grok2api.server.javalin.tools;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.server.javalin.json.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a running gateway the way an operator would after a deploy, one line per check, stopping at the first
 * failure: {@code /health}, the login page, {@code /v1/models}, {@code /v1/images/method} (skipped while the server has
 * no image endpoints), an image stream's content type (with {@code --check-image-stream}; it generates an image),
 * and a chat round trip (skip with {@code --skip-chat}).
 *
 * <pre>
 * scripts/grok2api smoke [--base-url URL] [--api-key KEY] [--model ID] [--timeout SECONDS]
 *                        [--check-image-stream] [--skip-chat]
 * </pre>
 *
 * <p>{@code --base-url} defaults to {@code GROK2API_BASE_URL} or {@code http://127.0.0.1:8000}; {@code --api-key} to
 * {@code GROK2API_API_KEY}; {@code --timeout} (per request, default 60 s for the chat and 5 s for the rest) to {@code
 * GROK2API_SMOKE_TIMEOUT}. Exit status: 0 when every check passed, 1 at the first failure, 2 for bad arguments.
 */
public final class SmokeCheck {
    private static final Set<String> IMAGE_METHODS = Set.of("legacy", "imagine_ws_experimental");

    private final String baseUrl;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final boolean checkImageStream;
    private final boolean chat;
    private final PrintStream out;
    private final HttpClient http;

    private SmokeCheck(Options options, PrintStream out) {
        this.baseUrl = options.baseUrl;
        this.apiKey = options.apiKey;
        this.model = options.model;
        this.timeout = options.timeout;
        this.checkImageStream = options.checkImageStream;
        this.chat = options.chat;
        this.out = out;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static final class Options {
        String baseUrl;
        String apiKey;
        String model = "grok-4.1-fast";
        Duration timeout;
        boolean checkImageStream;
        boolean chat = true;
    }

    /** A failed check: its line says what was expected and what came back. */
    private static final class CheckFailed extends Exception {
        CheckFailed(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /**
     * Runs the checks.
     *
     * @return the exit status: 0 passed, 1 a check failed, 2 bad arguments
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        Options options;
        try {
            options = parse(args, env);
        } catch (IllegalArgumentException e) {
            out.println("[smoke] " + e.getMessage());
            out.println("usage: scripts/grok2api smoke [--base-url URL] [--api-key KEY] [--model ID]"
                    + " [--timeout SECONDS] [--check-image-stream] [--skip-chat]");
            return 2;
        }
        return new SmokeCheck(options, out).runChecks();
    }

    private static Options parse(String[] args, Map<String, String> env) {
        Options options = new Options();
        options.baseUrl = env.getOrDefault("GROK2API_BASE_URL", "http://127.0.0.1:8000");
        options.apiKey = env.getOrDefault("GROK2API_API_KEY", "");
        String timeout = env.get("GROK2API_SMOKE_TIMEOUT");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-url" -> options.baseUrl = value(args, ++i, "--base-url");
                case "--api-key" -> options.apiKey = value(args, ++i, "--api-key");
                case "--model" -> options.model = value(args, ++i, "--model");
                case "--timeout" -> timeout = value(args, ++i, "--timeout");
                case "--check-image-stream" -> options.checkImageStream = true;
                case "--skip-chat" -> options.chat = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        options.baseUrl = options.baseUrl.trim();
        while (options.baseUrl.endsWith("/")) {
            options.baseUrl = options.baseUrl.substring(0, options.baseUrl.length() - 1);
        }
        if (!options.baseUrl.startsWith("http://") && !options.baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("--base-url must be an http(s) URL, got '" + options.baseUrl + "'");
        }
        if (timeout != null) {
            try {
                options.timeout = Duration.ofMillis(Math.round(Math.max(0.5, Double.parseDouble(timeout)) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--timeout must be a number of seconds, got '" + timeout + "'");
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }

    private int runChecks() {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("health", this::health));
        checks.add(new Check("login page", this::loginPage));
        checks.add(new Check("models", this::models));
        boolean[] imagesExist = {false};
        checks.add(new Check("image method", () -> {
            String result = imageMethod();
            imagesExist[0] = !result.startsWith("skipped");
            return result;
        }));
        checks.add(new Check("image stream", () -> imagesExist[0] ? imageStream() : "skipped (no image endpoints)"));
        checks.add(new Check("chat", this::chat));
        for (Check check : checks) {
            try {
                out.println("[smoke] " + check.name() + ": " + check.body().run());
            } catch (CheckFailed e) {
                out.println("[smoke] " + check.name() + " failed: " + e.getMessage());
                return 1;
            }
        }
        out.println("[smoke] all checks passed against " + baseUrl);
        return 0;
    }

    private record Check(String name, Body body) {}

    @FunctionalInterface
    private interface Body {
        String run() throws CheckFailed;
    }

    private String health() throws CheckFailed {
        HttpResponse<String> response = send(get("/health", false, Duration.ofSeconds(5)));
        expect(response, 200);
        return "ok (runtime " + object(response).getOrDefault("runtime", "unknown") + ")";
    }

    private String loginPage() throws CheckFailed {
        HttpResponse<String> response = send(get("/login", false, Duration.ofSeconds(5)));
        if (!Set.of(200, 302, 307, 308).contains(response.statusCode())) {
            throw failure(response);
        }
        return "ok (" + response.statusCode() + ")";
    }

    private String models() throws CheckFailed {
        HttpResponse<String> response = send(get("/v1/models", true, Duration.ofSeconds(5)));
        expect(response, 200);
        Object data = object(response).get("data");
        if (!(data instanceof List<?> list) || list.isEmpty()) {
            throw new CheckFailed("status=200, but no model in 'data': " + abbreviate(response.body()));
        }
        return "ok (" + list.size() + " models)";
    }

    private String imageMethod() throws CheckFailed {
        HttpResponse<String> response = send(get("/v1/images/method", true, Duration.ofSeconds(5)));
        if (response.statusCode() == 404) {
            return "skipped (this server has no image endpoints yet)";
        }
        expect(response, 200);
        Object method = object(response).get("image_generation_method");
        if (!IMAGE_METHODS.contains(method)) {
            throw new CheckFailed("unexpected image_generation_method " + method + ": " + abbreviate(response.body()));
        }
        return "ok (" + method + ")";
    }

    private String imageStream() throws CheckFailed {
        if (!checkImageStream) {
            return "skipped (generates an image; enable with --check-image-stream)";
        }
        HttpResponse<String> response = send(post(
                "/v1/images/generations",
                "{\"prompt\":\"smoke test image\",\"model\":\"grok-imagine-1.0\",\"n\":1,\"stream\":true,"
                        + "\"response_format\":\"b64_json\"}",
                Duration.ofSeconds(120)));
        expect(response, 200);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.contains("text/event-stream")) {
            throw new CheckFailed("Content-Type is '" + type + "', expected text/event-stream");
        }
        return "ok (text/event-stream)";
    }

    private String chat() throws CheckFailed {
        if (!chat) {
            return "skipped (--skip-chat)";
        }
        HttpResponse<String> response = send(post(
                "/v1/chat/completions",
                "{\"model\":" + JsonCodec.write(model) + ",\"stream\":false,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Reply with the single word: pong\"}]}",
                Duration.ofSeconds(60)));
        expect(response, 200);
        Object content = null;
        if (object(response).get("choices") instanceof List<?> choices
                && !choices.isEmpty()
                && choices.get(0) instanceof Map<?, ?> choice
                && choice.get("message") instanceof Map<?, ?> message) {
            content = message.get("content");
        }
        if (!(content instanceof String text) || text.isBlank()) {
            throw new CheckFailed("status=200, but no answer text: " + abbreviate(response.body()));
        }
        return "ok (" + model + " answered " + text.strip().length() + " characters)";
    }

    private HttpRequest get(String path, boolean withKey, Duration defaultTimeout) {
        return request(path, withKey, defaultTimeout).GET().build();
    }

    private HttpRequest post(String path, String body, Duration defaultTimeout) {
        return request(path, true, defaultTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder request(String path, boolean withKey, Duration defaultTimeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout != null ? timeout : defaultTimeout);
        if (withKey && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey.trim());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws CheckFailed {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CheckFailed("cannot reach " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
    }

    private static void expect(HttpResponse<String> response, int status) throws CheckFailed {
        if (response.statusCode() != status) {
            throw failure(response);
        }
    }

    private static CheckFailed failure(HttpResponse<String> response) {
        return new CheckFailed("status=" + response.statusCode() + ", body=" + abbreviate(response.body()));
    }

    private static Map<String, Object> object(HttpResponse<String> response) throws CheckFailed {
        try {
            return JsonCodec.parseObject(response.body());
        } catch (InvalidRequestException e) {
            throw new CheckFailed("the answer is not a JSON object: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }
}
