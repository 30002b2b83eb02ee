package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.image.GeneratedImage;
import dev.grok2api.core.image.ImageFormat;
import dev.grok2api.core.image.ImageMethod;
import dev.grok2api.core.image.ImageRequest;
import dev.grok2api.core.image.ImageResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Continuous image generation for the admin playground: batches of {@value #BATCH} images with the imagine method
 * (falling back to legacy), as base64, until cancelled. Failures are reported and the loop goes on after a pause
 * (longer when no account is available). Thread-safe; {@link #run} blocks until cancelled.
 */
public final class ContinuousImagine {
    /** Images asked for per batch. */
    public static final int BATCH = 6;

    private final ImageService images;
    private final InstantSource clock;
    private final Duration noAccountPause;
    private final Duration failurePause;

    /**
     * @param images generates each batch
     * @param clock stamps images and measures batches
     * @param noAccountPause the wait after a batch found no account
     * @param failurePause the wait after a failed batch
     */
    public ContinuousImagine(ImageService images, InstantSource clock, Duration noAccountPause, Duration failurePause) {
        this.images = Objects.requireNonNull(images, "images");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.noAccountPause = Objects.requireNonNull(noAccountPause, "noAccountPause");
        this.failurePause = Objects.requireNonNull(failurePause, "failurePause");
    }

    /** The reference's pauses: 2 s without an account, 1.5 s after a failure. */
    public ContinuousImagine(ImageService images, InstantSource clock) {
        this(images, clock, Duration.ofSeconds(2), Duration.ofMillis(1500));
    }

    /** Receives the run's output on the generating thread. */
    public interface Listener {
        /**
         * An image.
         *
         * @param b64 bare base64 of the image
         * @param sequence 1 for the run's first image, then counting up
         * @param createdAtMillis when it was delivered (epoch milliseconds)
         * @param elapsedMillis how long its batch took
         */
        void image(String b64, int sequence, long createdAtMillis, long elapsedMillis);

        /** A batch failed: a machine-readable code and a message. */
        void error(String code, String message);
    }

    /** Runs one batch; lets the caller meter it (e.g. charge a client key) around the generation. */
    @FunctionalInterface
    public interface Metering {
        ImageResult meter(int images, Supplier<ImageResult> batch);
    }

    /**
     * Generates batch after batch until {@code cancellation} is cancelled.
     *
     * @param aspectRatio one of {@link dev.grok2api.core.image.AspectRatio#SUPPORTED}
     * @throws IllegalArgumentException when the prompt is blank or the ratio unsupported
     * @throws RuntimeException whatever the listener throws
     */
    public void run(
            String prompt, String aspectRatio, Metering metering, Listener listener, Cancellation cancellation) {
        ImageRequest request = new ImageRequest(prompt, BATCH, aspectRatio, ImageFormat.B64_JSON, 2, List.of());
        int sequence = 0;
        while (!cancellation.isCancelled()) {
            long started = clock.millis();
            Duration pause = Duration.ZERO;
            try {
                ImageResult result = metering.meter(
                        BATCH, () -> images.generate(request, ImageMethod.IMAGINE_WS, null, cancellation));
                long elapsed = clock.millis() - started;
                for (GeneratedImage image : result.images()) {
                    listener.image(image.value(), ++sequence, clock.millis(), elapsed);
                }
            } catch (CancellationException e) {
                return;
            } catch (RateLimitException e) {
                listener.error(e.code(), e.publicMessage());
                pause = noAccountPause;
            } catch (Grok2ApiException e) {
                String code = e.code().equals("invalid_upstream_result") ? "empty_image" : e.code();
                listener.error(code, e.publicMessage());
                pause = failurePause;
            }
            if (!pause.isZero() && !cancellation.isCancelled()) {
                await(pause, cancellation);
            }
        }
    }

    private static void await(Duration pause, Cancellation cancellation) {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (Cancellation.Registration ignored = cancellation.onCancel(cancelled::countDown)) {
            cancelled.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
        }
    }
}
