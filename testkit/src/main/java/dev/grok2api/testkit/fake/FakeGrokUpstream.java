package dev.grok2api.testkit.fake;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.UpstreamException;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetDownload;
import dev.grok2api.core.upstream.AssetPage;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.upstream.ImagineEvent;
import dev.grok2api.core.upstream.ImagineListener;
import dev.grok2api.core.upstream.ImagineRequest;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.core.upstream.UploadedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A scripted {@link GrokUpstream} for unit tests of services: each chat call plays the next script (events, then
 * optionally an exception), or the script registered for the calling account. Rate-limit answers and
 * account-settings failures can be set per account; by default accounts have 80 queries left and every
 * account-settings step succeeds. Every call is recorded. Thread-safe.
 */
public final class FakeGrokUpstream implements GrokUpstream {

    /** One recorded chat call. */
    public record Call(ConversationRequest request, SsoCredential credential) {}

    /** What a chat call does. */
    public record Script(List<GrokEvent> events, Supplier<? extends RuntimeException> failure) {
        public Script {
            events = List.copyOf(events);
        }

        /** Emits the events and ends normally. */
        public static Script events(GrokEvent... events) {
            return new Script(List.of(events), null);
        }

        /** Emits the events, then throws. */
        public static Script eventsThenFail(Supplier<? extends RuntimeException> failure, GrokEvent... events) {
            return new Script(List.of(events), failure);
        }

        /** Throws at once. */
        public static Script fail(Supplier<? extends RuntimeException> failure) {
            return new Script(List.of(), failure);
        }

        /** A plain answer: answer tokens and the final response. */
        public static Script answer(String... pieces) {
            List<GrokEvent> events = new ArrayList<>();
            for (String piece : pieces) {
                events.add(new GrokEvent.Token(piece, false, "final", "resp-1"));
            }
            events.add(new GrokEvent.FinalResponse("resp-1", String.join("", pieces), List.of(), "hash-1", null));
            return new Script(events, null);
        }
    }

    private final ConcurrentLinkedDeque<Script> queue = new ConcurrentLinkedDeque<>();
    private final Map<String, Script> perAccount = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<RateLimits>> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, Supplier<? extends RuntimeException>> stepFailures = new ConcurrentHashMap<>();
    private final List<String> otherCalls = new CopyOnWriteArrayList<>();
    private final List<FileUpload> uploads = new CopyOnWriteArrayList<>();
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();
    private final Map<String, List<String>> onlineAssets = new ConcurrentHashMap<>();
    private final AtomicInteger imagineRounds = new AtomicInteger();
    private volatile Supplier<? extends RuntimeException> imagineFailure;
    private volatile Set<Integer> imagineModerated = Set.of();

    /** Makes {@link #rateLimits} answer this for the account (a supplier may also throw). */
    public FakeGrokUpstream rateLimitsFor(String sso, Supplier<RateLimits> answer) {
        rateLimits.put(sso, answer);
        return this;
    }

    /**
     * Makes an account-settings step fail for the account.
     *
     * @param step {@code tos}, {@code birth} or {@code nsfw}
     * @param failure called at every attempt of the step; returning null lets that attempt succeed
     */
    public FakeGrokUpstream failStep(String sso, String step, Supplier<? extends RuntimeException> failure) {
        stepFailures.put(sso + "/" + step, failure);
        return this;
    }

    /** The non-chat calls so far, as {@code <call>:<sso>} ({@code rate-limits:<model>:<sso>}, {@code tos:<sso>}, …). */
    public List<String> otherCalls() {
        return List.copyOf(otherCalls);
    }

    /** Queues a script for the next call that has no per-account script. */
    public FakeGrokUpstream enqueue(Script script) {
        queue.addLast(script);
        return this;
    }

    /** Plays {@code script} for every call made as {@code sso}. */
    public FakeGrokUpstream forAccount(String sso, Script script) {
        perAccount.put(sso, script);
        return this;
    }

    /** Every chat call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void chat(
            ConversationRequest request, SsoCredential credential, Cancellation cancellation, GrokEventSink sink) {
        calls.add(new Call(request, credential));
        Script script = perAccount.get(credential.sso());
        if (script == null) {
            script = queue.pollFirst();
        }
        if (script == null) {
            throw new AssertionError("FakeGrokUpstream: no script for chat call as " + credential);
        }
        for (GrokEvent event : script.events()) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            sink.accept(event);
            sink.idle();
        }
        if (script.failure() != null) {
            throw script.failure().get();
        }
    }

    @Override
    public RateLimits rateLimits(String modelName, SsoCredential credential) {
        otherCalls.add("rate-limits:" + modelName + ":" + credential.sso());
        return rateLimits
                .getOrDefault(credential.sso(), () -> new RateLimits(80, 80, 72_000))
                .get();
    }

    @Override
    public void acceptTermsOfService(SsoCredential credential) {
        step("tos", credential);
    }

    @Override
    public void setBirthDate(SsoCredential credential, LocalDate birthDate) {
        step("birth", credential);
    }

    @Override
    public void enableNsfw(SsoCredential credential) {
        step("nsfw", credential);
    }

    private void step(String step, SsoCredential credential) {
        otherCalls.add(step + ":" + credential.sso());
        Supplier<? extends RuntimeException> failure = stepFailures.get(credential.sso() + "/" + step);
        RuntimeException error = failure == null ? null : failure.get();
        if (error != null) {
            throw error;
        }
    }

    /**
     * Makes {@link #downloadAsset} serve these bytes for a path (default: {@code fake-asset:<path>} as UTF-8; paths
     * containing {@code missing} fail with a 404 {@link UpstreamException}).
     */
    public FakeGrokUpstream asset(String assetPath, byte[] bytes, String contentType) {
        assets.put(assetPath, new Asset(bytes, contentType));
        return this;
    }

    /** Makes {@link #listAssets} report these ids (one page). */
    public FakeGrokUpstream onlineAssets(String sso, List<String> ids) {
        onlineAssets.put(sso, new CopyOnWriteArrayList<>(ids));
        return this;
    }

    /** Every upload so far, in order. */
    public List<FileUpload> uploads() {
        return List.copyOf(uploads);
    }

    @Override
    public UploadedFile upload(FileUpload file, SsoCredential credential) {
        uploads.add(file);
        int n = uploads.size();
        otherCalls.add("upload:" + file.fileName() + ":" + credential.sso());
        return new UploadedFile("file-" + n, "users/fake/file-" + n + "/content");
    }

    @Override
    public String createMediaPost(MediaPostRequest request, SsoCredential credential) {
        otherCalls.add("media-post:" + request.mediaType() + ":" + credential.sso());
        return "post-" + otherCalls.size();
    }

    /**
     * Makes {@link #imagine} throw this at once (after recording the call); null restores the default behaviour.
     */
    public FakeGrokUpstream imagineFails(Supplier<? extends RuntimeException> failure) {
        imagineFailure = failure;
        return this;
    }

    /** Makes {@link #imagine} flag the images at these positions (of each round) as moderated. */
    public FakeGrokUpstream imagineModerated(Set<Integer> positions) {
        imagineModerated = Set.copyOf(positions);
        return this;
    }

    /**
     * Plays one progress event and one completed image per requested image, {@code https://fake/imagine/<round>-<n>.jpg}
     * (a new round per call, so rounds never repeat an image).
     */
    @Override
    public void imagine(
            ImagineRequest request, SsoCredential credential, Cancellation cancellation, ImagineListener listener) {
        otherCalls.add("imagine:" + request.prompt() + ":" + credential.sso());
        Supplier<? extends RuntimeException> failure = imagineFailure;
        if (failure != null) {
            throw failure.get();
        }
        int round = imagineRounds.incrementAndGet();
        for (int i = 0; i < request.images(); i++) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            String id = "image-" + round + "-" + i;
            listener.onEvent(new ImagineEvent.Progress(id, 50));
            listener.onEvent(new ImagineEvent.Completed(
                    id, "https://fake/imagine/" + round + "-" + i + ".jpg", imagineModerated.contains(i)));
        }
    }

    @Override
    public AssetDownload downloadAsset(String assetPath, SsoCredential credential, OutputStream target) {
        otherCalls.add("download:" + assetPath + ":" + credential.sso());
        if (assetPath.contains("missing")) {
            throw new UpstreamException(404, "asset not found (a path containing 'missing')");
        }
        Asset asset = assets.getOrDefault(
                assetPath, new Asset(("fake-asset:" + assetPath).getBytes(StandardCharsets.UTF_8), "image/jpeg"));
        try {
            target.write(asset.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AssetDownload(asset.contentType(), asset.bytes().length);
    }

    @Override
    public AssetPage listAssets(SsoCredential credential, String pageToken) {
        otherCalls.add("list-assets:" + credential.sso());
        return new AssetPage(onlineAssets.getOrDefault(credential.sso(), List.of()), null);
    }

    @Override
    public void deleteAsset(String assetId, SsoCredential credential) {
        otherCalls.add("delete-asset:" + assetId + ":" + credential.sso());
        List<String> ids = onlineAssets.get(credential.sso());
        if (ids != null) {
            ids.remove(assetId);
        }
    }

    private record Asset(byte[] bytes, String contentType) {}
}
