package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.ContentModeratedException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageMethod;
import dev.grok2api.core.image.ImageRequest;
import dev.grok2api.core.image.ImageResult;
import dev.grok2api.core.image.ImageStreamListener;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenSelector;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.ImagineEvent;
import dev.grok2api.core.upstream.ImagineRequest;
import dev.grok2api.core.upstream.UploadedFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The image generation and edit use case, with both upstream methods of the reference:
 *
 * <ul>
 *   <li>{@link ImageMethod#LEGACY}: chat calls asking for {@code Image Generation: <prompt>} (or {@code Image Edit:
 *       <prompt>} with the uploaded sources attached), two images per call;
 *   <li>{@link ImageMethod#IMAGINE_WS}: Grok's imagine websocket, up to four images per call (edits use Grok's
 *       imagine edit model in a chat call instead); whatever it does not deliver is topped up with legacy calls.
 * </ul>
 *
 * <p>Calls run with at most {@link ImageRequest#concurrency()} at once, each on an account of the pool with failover
 * (see {@link AccountFailover}); every image is downloaded as the account that generated it. Images are
 * de-duplicated; moderated images are never delivered; when more come back than asked for, the surplus replaces
 * images whose download failed, and otherwise stays unused (for a single image, which of Grok's two is delivered is
 * chosen at random, as in the reference). When fewer images than requested can be delivered, the {@link ImageResult}
 * says how many are missing and why; when none can, the call fails with the most telling error (moderation, no
 * account, Grok's failure).
 *
 * <p>Thread-safe; each call blocks the caller until every upstream call ended.
 */
public final class ImageService {
    /** The model of image generations. */
    public static final String GENERATION_MODEL = "grok-imagine-1.0";
    /** The model of image edits. */
    public static final String EDIT_MODEL = "grok-imagine-1.0-edit";

    static final int LEGACY_PER_CALL = 2;
    static final int IMAGINE_PER_CALL = 4;

    private final ModelCatalog catalog;
    private final AccountFailover failover;
    private final GrokUpstream upstream;
    private final MediaLinks media;
    private final SettingsSource settings;
    private final RandomGenerator random;

    /**
     * @param catalog the models served
     * @param tokens picks accounts and learns from outcomes
     * @param upstream Grok
     * @param media caches and encodes generated images
     * @param settings the configuration in force
     * @param random picks which surplus image is delivered; must be thread-safe
     */
    public ImageService(
            ModelCatalog catalog,
            TokenSelector tokens,
            GrokUpstream upstream,
            MediaLinks media,
            SettingsSource settings,
            RandomGenerator random) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.failover = new AccountFailover(tokens, settings);
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.media = Objects.requireNonNull(media, "media");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The configured method ({@code grok.image_generation_method}, aliases normalised). */
    public ImageMethod method() {
        return ImageMethod.fromConfig(settings.current().grok().imageGenerationMethod());
    }

    /**
     * Generates (or edits) the images with the configured method and returns them all at once.
     *
     * @throws Grok2ApiException when no image could be delivered
     * @throws CancellationException when cancelled
     */
    public ImageResult generate(ImageRequest request, Cancellation cancellation) {
        return generate(request, method(), null, cancellation);
    }

    /**
     * Like {@link #generate(ImageRequest, Cancellation)}, reporting progress and each image to {@code listener} as
     * soon as it is ready.
     *
     * @throws Grok2ApiException when no image could be delivered
     * @throws RuntimeException whatever the listener throws; upstream calls are cancelled first
     */
    public ImageResult stream(ImageRequest request, ImageStreamListener listener, Cancellation cancellation) {
        return generate(request, method(), Objects.requireNonNull(listener, "listener"), cancellation);
    }

    /**
     * Generates with an explicit method.
     *
     * @param listener receives progress and images as they come, or null
     * @throws Grok2ApiException when no image could be delivered
     * @throws CancellationException when cancelled
     */
    public ImageResult generate(
            ImageRequest request, ImageMethod method, ImageStreamListener listener, Cancellation cancellation) {
        ModelSpec model = catalog.requireForRequest(request.isEdit() ? EDIT_MODEL : GENERATION_MODEL);
        Cancellation inner = Cancellation.create();
        try (Cancellation.Registration ignored = cancellation.onCancel(inner::cancel)) {
            Run run = new Run(request, model, listener, inner);
            if (method == ImageMethod.IMAGINE_WS) {
                run.phase(request.isEdit() ? Phase.IMAGINE_EDIT : Phase.IMAGINE);
            }
            run.phase(Phase.LEGACY);
            run.fillFromSurplus();
            return run.result();
        }
    }

    /** The kinds of upstream call. */
    private enum Phase {
        LEGACY(LEGACY_PER_CALL),
        IMAGINE(IMAGINE_PER_CALL),
        IMAGINE_EDIT(LEGACY_PER_CALL);

        final int perCall;

        Phase(int perCall) {
            this.perCall = perCall;
        }
    }

    /** An image Grok finished, not yet delivered. */
    private record Candidate(String assetPath, SsoCredential credential) {}

    /** One upstream call: which response index each of its image slots fills ({@code -1}: surplus). */
    private static final class Call {
        final Phase phase;
        final int[] slotIndex;
        volatile boolean delivered;

        Call(Phase phase, int[] slotIndex) {
            this.phase = phase;
            this.slotIndex = slotIndex;
        }

        int indexOf(int slot) {
            return slot >= 0 && slot < slotIndex.length ? slotIndex[slot] : -1;
        }
    }

    /** One request's state, shared by its upstream calls; guarded by {@link #lock} (also serialising the listener). */
    private final class Run {
        final ImageRequest request;
        final ModelSpec model;
        final ImageStreamListener listener;
        final Cancellation cancellation;
        final ReentrantLock lock = new ReentrantLock();
        final String[] values;
        final boolean[] claimed;
        final List<Candidate> surplus = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Set<String> shortfall = new LinkedHashSet<>();
        final Map<String, List<UploadedFile>> uploadedByAccount = new HashMap<>();
        int moderated;
        Grok2ApiException lastFailure;

        Run(ImageRequest request, ModelSpec model, ImageStreamListener listener, Cancellation cancellation) {
            this.request = request;
            this.model = model;
            this.listener = listener;
            this.cancellation = cancellation;
            this.values = new String[request.count()];
            this.claimed = new boolean[request.count()];
        }

        void phase(Phase phase) {
            List<Call> calls = plan(phase);
            if (calls.isEmpty()) {
                return;
            }
            // The first account is chosen on the request's thread, where request accounting can note it.
            Optional<TokenLease> first = failover.acquire(model);
            if (calls.size() == 1 || request.concurrency() == 1) {
                for (int i = 0; i < calls.size(); i++) {
                    call(calls.get(i), i == 0 ? first : Optional.empty());
                }
                return;
            }
            Semaphore permits = new Semaphore(request.concurrency());
            List<Future<?>> running = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    Optional<TokenLease> lease = i == 0 ? first : Optional.empty();
                    running.add(pool.submit(() -> {
                        permits.acquireUninterruptibly();
                        try {
                            if (!cancellation.isCancelled()) {
                                call(call, lease);
                            }
                        } finally {
                            permits.release();
                        }
                    }));
                }
                for (Future<?> call : running) {
                    awaitCall(call);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.cancel();
                throw new CancellationException("interrupted");
            }
        }

        /** Waits for a call; a failure (a listener's, the client's) cancels the others before it propagates. */
        private void awaitCall(Future<?> call) throws InterruptedException {
            try {
                call.get();
            } catch (ExecutionException e) {
                cancellation.cancel();
                switch (e.getCause()) {
                    case RuntimeException cause -> throw cause;
                    case Error cause -> throw cause;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        }

        /** Calls for the indices still open: each reserves as many indices as it draws images. */
        List<Call> plan(Phase phase) {
            List<Integer> open = new ArrayList<>();
            lock.lock();
            try {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null && !claimed[i]) {
                        open.add(i);
                    }
                }
            } finally {
                lock.unlock();
            }
            List<Call> calls = new ArrayList<>();
            for (int from = 0; from < open.size(); from += phase.perCall) {
                List<Integer> indices = open.subList(from, Math.min(open.size(), from + phase.perCall));
                int slots = phase == Phase.IMAGINE ? indices.size() : phase.perCall;
                int[] slotIndex = new int[slots];
                Arrays.fill(slotIndex, -1);
                // A lone index takes a random one of the call's images, as the reference does.
                int offset = indices.size() == 1 && slots > 1 ? random.nextInt(slots) : 0;
                for (int k = 0; k < indices.size(); k++) {
                    slotIndex[(k + offset) % slots] = indices.get(k);
                }
                calls.add(new Call(phase, slotIndex));
            }
            return calls;
        }

        void call(Call call, Optional<TokenLease> first) {
            try {
                failover.run(model, first, cancellation, () -> call.delivered, lease -> {
                    switch (call.phase) {
                        case LEGACY -> chat(call, lease, legacyRequest(lease));
                        case IMAGINE_EDIT -> chat(call, lease, imagineEditRequest(lease));
                        case IMAGINE -> imagine(call, lease);
                    }
                    return null;
                });
            } catch (Grok2ApiException e) {
                lock.lock();
                try {
                    lastFailure = e;
                    shortfall.add(e.publicMessage());
                } finally {
                    lock.unlock();
                }
            }
        }

        ConversationRequest legacyRequest(TokenLease lease) {
            if (!request.isEdit()) {
                return ConversationRequest.chat(
                        model.upstreamModel(), model.upstreamMode(), "Image Generation: " + request.prompt());
            }
            List<String> ids = new ArrayList<>();
            for (UploadedFile file : uploads(lease)) {
                ids.add(file.fileMetadataId());
            }
            return new ConversationRequest(
                    model.upstreamModel(),
                    model.upstreamMode(),
                    "Image Edit: " + request.prompt(),
                    ids,
                    Map.of(),
                    Map.of());
        }

        /** Grok's imagine edit model, referencing the uploaded sources by their asset URLs. */
        ConversationRequest imagineEditRequest(TokenLease lease) {
            String assets = settings.current().grok().assetsUrl();
            List<String> references = new ArrayList<>();
            for (UploadedFile file : uploads(lease)) {
                references.add(assets + "/" + file.fileUri());
            }
            return new ConversationRequest(
                    model.upstreamModel(),
                    null,
                    request.prompt(),
                    List.of(),
                    Map.of("imageGen", true),
                    Map.of("imageEditModel", "imagine", "imageEditModelConfig", Map.of("imageReferences", references)));
        }

        /** The sources uploaded as this account (once per account: Grok file ids belong to one account). */
        List<UploadedFile> uploads(TokenLease lease) {
            String account = lease.token().token();
            lock.lock();
            try {
                List<UploadedFile> known = uploadedByAccount.get(account);
                if (known != null) {
                    return known;
                }
            } finally {
                lock.unlock();
            }
            List<UploadedFile> uploaded = new ArrayList<>();
            for (FileUpload source : request.sources()) {
                uploaded.add(upstream.upload(source, lease.credential()));
            }
            lock.lock();
            try {
                uploadedByAccount.putIfAbsent(account, List.copyOf(uploaded));
                return uploadedByAccount.get(account);
            } finally {
                lock.unlock();
            }
        }

        /** A chat call that draws images: progress per image slot, the images in the final response. */
        void chat(Call call, TokenLease lease, ConversationRequest conversation) {
            Map<Integer, String> previewPaths = new HashMap<>();
            Set<Integer> moderatedSlots = new HashSet<>();
            int[] early = new int[1];
            boolean[] finished = new boolean[1];
            upstream.chat(conversation, lease.credential(), cancellation, event -> {
                switch (event) {
                    case GrokEvent.ImageProgress p -> {
                        if (p.assetPath() != null) {
                            previewPaths.put(p.index(), p.assetPath());
                        }
                        if (p.moderated()) {
                            moderatedSlots.add(p.index());
                        }
                        progress(call, p.index(), p.progress());
                    }
                    case GrokEvent.GeneratedImage g -> completed(call, early[0]++, g.assetPath(), false, lease);
                    case GrokEvent.FinalResponse f -> {
                        if (f.error() != null) {
                            throw AnswerTranslator.classify(0, f.error());
                        }
                        finished[0] = true;
                        List<String> urls = f.generatedImageUrls();
                        for (int j = 0; j < urls.size(); j++) {
                            int slot = slotOf(previewPaths, urls.get(j), j);
                            completed(call, slot, urls.get(j), moderatedSlots.remove(slot), lease);
                        }
                        for (int slot : moderatedSlots) {
                            completed(call, slot, null, true, lease);
                        }
                    }
                    case GrokEvent.StreamError e -> throw AnswerTranslator.classify(e.code(), e.message());
                    default -> {
                        // Text, cards and metadata carry no images.
                    }
                }
            });
            if (!finished[0] && early[0] == 0) {
                throw UpstreamStreamException.truncated("the image answer ended before its final response");
            }
        }

        /** The slot whose last preview path is the final path, else the position in the final list. */
        int slotOf(Map<Integer, String> previewPaths, String url, int position) {
            for (Map.Entry<Integer, String> preview : previewPaths.entrySet()) {
                if (preview.getValue().equals(url)) {
                    return preview.getKey();
                }
            }
            return position;
        }

        void imagine(Call call, TokenLease lease) {
            Map<String, Integer> slots = new HashMap<>();
            ImagineRequest round =
                    new ImagineRequest(request.prompt(), request.aspectRatio(), true, call.slotIndex.length);
            upstream.imagine(round, lease.credential(), cancellation, event -> {
                switch (event) {
                    case ImagineEvent.Progress p ->
                        progress(call, slots.computeIfAbsent(p.imageId(), id -> slots.size()), p.percent());
                    case ImagineEvent.Completed c ->
                        completed(
                                call,
                                slots.computeIfAbsent(c.imageId(), id -> slots.size()),
                                c.url(),
                                c.moderated(),
                                lease);
                }
            });
        }

        void progress(Call call, int slot, int percent) {
            int index = call.indexOf(slot);
            if (listener == null || index < 0) {
                return;
            }
            lock.lock();
            try {
                if (values[index] == null && !claimed[index]) {
                    listener.onProgress(index, percent);
                }
            } finally {
                lock.unlock();
            }
        }

        void completed(Call call, int slot, String assetPath, boolean wasModerated, TokenLease lease) {
            int index;
            Candidate candidate = new Candidate(assetPath, lease.credential());
            lock.lock();
            try {
                if (wasModerated) {
                    moderated++;
                    shortfall.add("Grok moderated an image (content policy).");
                    return;
                }
                if (assetPath == null || assetPath.isBlank() || assetPath.equals("/") || !seen.add(assetPath)) {
                    return;
                }
                index = call.indexOf(slot);
                if (index < 0 || values[index] != null || claimed[index]) {
                    surplus.add(candidate);
                    return;
                }
                claimed[index] = true;
            } finally {
                lock.unlock();
            }
            if (deliver(index, candidate)) {
                call.delivered = true;
            }
        }

        /** Downloads (or encodes) the image and fills the index; on failure the index is open again. */
        boolean deliver(int index, Candidate candidate) {
            String value;
            try {
                value = encode(candidate);
            } catch (Grok2ApiException | IllegalArgumentException e) {
                String reason = e instanceof Grok2ApiException g ? g.publicMessage() : e.getMessage();
                lock.lock();
                try {
                    claimed[index] = false;
                    shortfall.add("An image could not be downloaded from Grok: " + reason);
                    if (e instanceof Grok2ApiException g) {
                        lastFailure = g;
                    }
                } finally {
                    lock.unlock();
                }
                return false;
            }
            lock.lock();
            try {
                values[index] = value;
                claimed[index] = false;
                if (listener != null) {
                    listener.onImage(new GeneratedImage(index, value));
                }
            } finally {
                lock.unlock();
            }
            return true;
        }

        String encode(Candidate candidate) {
            if (request.format() == ImageFormat.URL) {
                return media.url(media.cache(MediaKind.IMAGE, candidate.assetPath(), candidate.credential()));
            }
            return media.encoded(MediaKind.IMAGE, candidate.assetPath(), candidate.credential())
                    .base64();
        }

        /** Fills open indices with surplus images, in random order. */
        void fillFromSurplus() {
            while (true) {
                int index = -1;
                Candidate candidate = null;
                lock.lock();
                try {
                    for (int i = 0; i < values.length && index < 0; i++) {
                        if (values[i] == null && !claimed[i]) {
                            index = i;
                        }
                    }
                    if (index < 0 || surplus.isEmpty()) {
                        return;
                    }
                    candidate = surplus.remove(random.nextInt(surplus.size()));
                    claimed[index] = true;
                } finally {
                    lock.unlock();
                }
                if (cancellation.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                deliver(index, candidate);
            }
        }

        ImageResult result() {
            lock.lock();
            try {
                List<GeneratedImage> images = new ArrayList<>();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        images.add(new GeneratedImage(i, values[i]));
                    }
                }
                if (images.isEmpty()) {
                    throw noImages();
                }
                List<String> reasons = images.size() < values.length
                        ? List.copyOf(
                                shortfall.isEmpty() ? Set.of("Grok returned fewer images than asked for.") : shortfall)
                        : List.of();
                return new ImageResult(images, values.length, reasons);
            } finally {
                lock.unlock();
            }
        }

        Grok2ApiException noImages() {
            if (cancellation.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            if (moderated > 0 && (lastFailure == null || lastFailure instanceof ContentModeratedException)) {
                return new ContentModeratedException(moderated + " image(s) moderated, none delivered");
            }
            if (lastFailure != null) {
                return lastFailure;
            }
            return UpstreamStreamException.invalidResult(
                    "Grok finished without returning any image for this prompt. Retry, or rephrase the prompt.", null);
        }
    }
}
