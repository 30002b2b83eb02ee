package dev.grok2api.testkit.grok;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * One scripted answer of {@link MockGrokServer} to a chat call: either an NDJSON stream (lines written and flushed
 * one at a time) or a plain HTTP error.
 */
public sealed interface GrokReply {

    /**
     * A 200 NDJSON stream.
     *
     * @param lines the lines, each written with a {@code \n} terminator and flushed on its own
     */
    record Stream(List<String> lines) implements GrokReply {
        public Stream {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A non-streaming answer.
     *
     * @param status HTTP status
     * @param contentType Content-Type header
     * @param body the body text
     * @param headers extra headers, e.g. {@code Retry-After}
     */
    record Status(int status, String contentType, String body, Map<String, String> headers) implements GrokReply {
        public Status {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Lines, then a stall until the test releases it (or the client goes away), then more lines. While stalled the
     * mock probes the connection with blank NDJSON lines every few milliseconds (clients skip blank lines), so it
     * notices at once when the client closes the connection and counts {@link #disconnected()} down.
     *
     * @param before lines sent before the stall
     * @param after lines sent once released
     * @param released counted down to end the stall
     * @param disconnected counted down when the client closed the connection during the stall
     */
    record Stall(List<String> before, List<String> after, CountDownLatch released, CountDownLatch disconnected)
            implements GrokReply {
        public Stall {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        /** Ends the stall (idempotent). */
        public void release() {
            released.countDown();
        }

        /** Waits until the client closed the connection; false when it did not within the time. */
        public boolean awaitDisconnect(java.time.Duration timeout) throws InterruptedException {
            return disconnected.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Lines, then the connection is dropped without ending the chunked body (a cut stream).
     *
     * @param lines the lines sent before the cut
     */
    record Cut(List<String> lines) implements GrokReply {
        public Cut {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A 200 NDJSON stream whose lines are spaced out in time, like a model generating tokens (for load tests).
     *
     * @param lines the lines
     * @param perLine the pause before each line
     */
    record Paced(List<String> lines, java.time.Duration perLine) implements GrokReply {
        public Paced {
            lines = List.copyOf(lines);
            Objects.requireNonNull(perLine, "perLine");
        }
    }

    /** A stall before any line; {@code after} is sent when released. */
    static Stall stall(List<String> before, List<String> after) {
        return new Stall(before, after, new CountDownLatch(1), new CountDownLatch(1));
    }

    /** The lines of an NDJSON fixture, then a dropped connection. */
    static Cut cut(String fixtureName) {
        return new Cut(fixture(fixtureName).lines());
    }

    /** An HTTP error whose JSON body is a testkit fixture ({@code blocked.json}, {@code anti-bot.json}). */
    static Status statusFixture(int status, String name) {
        return status(status, resource(name).strip());
    }

    /** A complete plain answer: conversation, user echo, one token per piece, final metadata and final response. */
    static Stream text(String... pieces) {
        String responseId = "b0b1c2d3-0000-4000-8000-000000000002";
        List<String> lines = new ArrayList<>();
        lines.add(GrokLines.conversation("8f1c2d3e-0a1b-4c5d-9e8f-112233445566"));
        lines.add(GrokLines.userResponse("a0b1c2d3-0000-4000-8000-000000000001", "(prompt)", "grok-3"));
        for (String piece : pieces) {
            lines.add(GrokLines.token(piece, responseId));
        }
        lines.add(GrokLines.finalMetadata("Kp3X9fQ2", responseId));
        lines.add(GrokLines.modelResponse(responseId, String.join("", pieces), "Kp3X9fQ2", List.of()));
        return new Stream(lines);
    }

    /** A reasoning model's answer: thinking tokens first ({@code analysis}), then answer tokens. */
    static Stream thinking(List<String> reasoning, List<String> answer) {
        String responseId = "c1c2c3c4-0000-4000-8000-000000000003";
        List<String> lines = new ArrayList<>();
        lines.add(GrokLines.conversation("8f1c2d3e-0a1b-4c5d-9e8f-112233445567"));
        for (String piece : reasoning) {
            lines.add(GrokLines.thinkingToken(piece, "analysis", responseId));
        }
        for (String piece : answer) {
            lines.add(GrokLines.token(piece, responseId));
        }
        lines.add(GrokLines.modelResponse(responseId, String.join("", answer), "Th1nk3r5", List.of()));
        return new Stream(lines);
    }

    /**
     * A legacy image answer (the reference's "Image Generation:" chat): progress at 50 % and 100 % for each image,
     * then the final response listing them. Image {@code i} is {@code users/mock-user/generated/<ids[i]>/image.jpg}
     * (an id containing {@code missing} makes the mock answer 404 for it, a failed download). Moderated images get
     * {@code moderated:true} on their final progress frame and are still listed, as Grok does.
     *
     * @param ids the image ids, one per image (Grok draws two)
     * @param moderated the positions of moderated images
     */
    static Stream images(List<String> ids, Set<Integer> moderated) {
        String responseId = "img-" + String.join("-", ids);
        List<String> lines = new ArrayList<>();
        lines.add(GrokLines.conversation("8f1c2d3e-0a1b-4c5d-9e8f-1122334455aa"));
        lines.add(GrokLines.token("I'll generate the images.", responseId));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String path = "users/mock-user/generated/" + ids.get(i) + "/image.jpg";
            paths.add(path);
            lines.add(GrokLines.imageProgress(
                    ids.get(i),
                    "users/mock-user/generated/" + ids.get(i) + "-part-0/image.jpg",
                    i,
                    50,
                    false,
                    responseId));
        }
        for (int i = 0; i < ids.size(); i++) {
            lines.add(GrokLines.imageProgress(ids.get(i), paths.get(i), i, 100, moderated.contains(i), responseId));
        }
        lines.add(GrokLines.modelResponse(responseId, "I'll generate the images.", "Im4g3s", paths));
        return new Stream(lines);
    }

    /** {@link #images(List, Set)} with nothing moderated. */
    static Stream images(String... ids) {
        return images(List.of(ids), Set.of());
    }

    /**
     * A video answer: progress 1, 50 and 100 %, the last frame carrying {@code videoUrl} and (unless null) {@code
     * thumbnailImageUrl}, then a soft-stop token.
     *
     * @param videoId Grok's id of the video
     * @param videoUrl the path the final frame names (a mismatch with the id models Grok's unrelated demo video)
     */
    static Stream video(String videoId, String videoUrl, String thumbnailUrl) {
        String responseId = "vid-" + videoId;
        return new Stream(List.of(
                GrokLines.conversation("8f1c2d3e-0a1b-4c5d-9e8f-1122334455bb"),
                GrokLines.videoProgress(videoId, 1, null, null, false, responseId),
                GrokLines.videoProgress(videoId, 50, null, null, false, responseId),
                GrokLines.videoProgress(videoId, 100, videoUrl, thumbnailUrl, false, responseId),
                "{\"result\":{\"response\":{\"token\":\"I generated a video\",\"isSoftStop\":true,\"responseId\":"
                        + JsonText.quote(responseId) + "}}}"));
    }

    /** An HTTP error with a JSON body. */
    static Status status(int status, String jsonBody) {
        return new Status(status, "application/json", jsonBody, Map.of());
    }

    /** Grok's 401 for an unknown or expired sso cookie. */
    static Status unauthorized() {
        return status(
                401,
                "{\"code\":16,\"message\":\"Failed to look up session ID. [WKE=unauthorized:invalid-credentials]\","
                        + "\"details\":[]}");
    }

    /** Grok's 429 for an account out of quota, with a {@code Retry-After}. */
    static Status rateLimited(int retryAfterSeconds) {
        return new Status(
                429,
                "application/json",
                "{\"code\":8,\"message\":\"Too many requests\",\"details\":[]}",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** A Cloudflare browser challenge page (HTML 403). */
    static Status cloudflareChallenge() {
        return new Status(
                403,
                "text/html; charset=UTF-8",
                "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body>"
                        + "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=1\"></script>"
                        + "<input type=\"hidden\" name=\"__cf_chl_tk\" value=\"x\"></body></html>",
                Map.of());
    }

    /** The lines of an NDJSON fixture in testkit resources ({@code dev/grok2api/testkit/grok/<name>}). */
    static Stream fixture(String name) {
        return new Stream(resource(name).lines().filter(line -> !line.isBlank()).toList());
    }

    /** The text of a testkit fixture ({@code dev/grok2api/testkit/grok/<name>}). */
    static String resource(String name) {
        String path = "/dev/grok2api/testkit/grok/" + name;
        try (InputStream in = GrokReply.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no testkit fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
