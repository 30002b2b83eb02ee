package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InternalException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.error.ServiceUnavailableException;
import dev.grok2api.core.video.VideoJob;
import dev.grok2api.core.video.VideoRequest;
import dev.grok2api.core.video.VideoResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Video generations for clients that submit and poll (OpenAI's {@code /v1/videos}): each job runs on the executor
 * through the {@link VideoService} (sharing its concurrency cap with chat), and its state, progress and result can be
 * read until it is forgotten. Jobs live in this instance's memory; the {@value #RETAINED} most recent are kept.
 * {@link #close} cancels the jobs still running, which end failed ({@code server_shutting_down}) so their submitters
 * settle them. Thread-safe.
 */
public final class VideoJobs {
    private static final System.Logger LOG = System.getLogger(VideoJobs.class.getName());
    /** How many jobs are kept for status queries. */
    public static final int RETAINED = 200;

    private final VideoService videos;
    private final Executor executor;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Map<String, VideoJob> jobs = new LinkedHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A job on its way: cancelled by {@link #close}, counted down when it ended. */
    private record Running(Cancellation cancellation, CountDownLatch ended) {}

    /**
     * @param videos generates the videos
     * @param executor runs each job (a virtual thread per task suits it: jobs block for minutes)
     * @param clock stamps submission and completion
     * @param random source of job ids; called under this service's lock
     */
    public VideoJobs(VideoService videos, Executor executor, InstantSource clock, RandomGenerator random) {
        this.videos = Objects.requireNonNull(videos, "videos");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * What the submitter of a job hears of it — the submitting request's accounting, which ends with the job. Calls
     * come from the job's thread.
     */
    public interface Hooks {
        /** Wraps the job's work, which then runs on the executor. */
        default Runnable around(Runnable work) {
            return work;
        }

        /** Called exactly once, when the job completed or failed (also when it could not be started). */
        default void ended(VideoJob job) {}
    }

    /**
     * Queues a generation, telling {@code hooks} about it, and returns its job as submitted.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses the job (it is then ended as
     *     failed)
     */
    public VideoJob submit(VideoRequest request, Hooks hooks) {
        Objects.requireNonNull(hooks, "hooks");
        if (closed) {
            throw shuttingDown(null);
        }
        VideoJob job;
        synchronized (jobs) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            job = new VideoJob(
                    "video_" + HexFormat.of().formatHex(id),
                    VideoJob.State.QUEUED,
                    0,
                    request,
                    clock.instant(),
                    null,
                    null,
                    null);
            jobs.put(job.id(), job);
            forgetOldest();
        }
        String id = job.id();
        Running started = new Running(Cancellation.create(), new CountDownLatch(1));
        running.put(id, started);
        try {
            executor.execute(hooks.around(() -> run(id, request, job, started.cancellation(), hooks)));
        } catch (RuntimeException e) {
            end(id, job, null, new InternalException("The video job could not be started: " + e, e), hooks);
            throw e;
        }
        return job;
    }

    /** The job, or empty when it is unknown or forgotten. */
    public Optional<VideoJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /**
     * The job.
     *
     * @throws NotFoundException (404 {@code video_not_found}) when it is unknown or forgotten
     */
    public VideoJob require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException(
                "video_not_found",
                "No video job with id '" + id + "' (jobs are kept in memory of the instance that ran them)."));
    }

    /**
     * Waits until the job ended or the timeout passed, then returns it (long polling).
     *
     * @throws NotFoundException when it is unknown or forgotten
     * @throws InterruptedException when interrupted while waiting
     */
    public VideoJob await(String id, Duration timeout) throws InterruptedException {
        Running job = running.get(id);
        if (job != null) {
            job.ended().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return require(id);
    }

    /**
     * Refuses new jobs, cancels the running ones and waits up to {@code timeout} for them to end (each ends failed with
     * {@code server_shutting_down}, which its submitter hears through its hooks).
     *
     * @return whether every job ended within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean close(Duration timeout) throws InterruptedException {
        closed = true;
        List<Running> cancelled = List.copyOf(running.values());
        cancelled.forEach(job -> job.cancellation().cancel());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Running job : cancelled) {
            if (!job.ended().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    private static ServiceUnavailableException shuttingDown(Throwable cause) {
        return new ServiceUnavailableException(
                "server_shutting_down",
                "The server stopped before the video was generated; submit it again (the quota is refunded).",
                cause);
    }

    private void run(String id, VideoRequest request, VideoJob submitted, Cancellation cancellation, Hooks hooks) {
        update(id, job -> withProgress(job, VideoJob.State.IN_PROGRESS, 0));
        VideoResult result = null;
        Grok2ApiException error = null;
        try {
            result = videos.generate(
                    request,
                    percent -> update(id, job -> withProgress(job, VideoJob.State.IN_PROGRESS, percent)),
                    cancellation);
        } catch (Grok2ApiException e) {
            error = cancellation.isCancelled() ? shuttingDown(e) : e;
        } catch (CancellationException e) {
            error = shuttingDown(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Video job " + id + " failed unexpectedly", e);
            error = new InternalException("The video job failed; see the server log.", e);
        } finally {
            if (result == null && error == null) {
                error = new InternalException("The video job stopped unexpectedly; see the server log.", null);
            }
            end(id, submitted, result, error, hooks);
        }
    }

    /** Stores the job's end, tells the submitter, and wakes those waiting for it. */
    private void end(String id, VideoJob submitted, VideoResult result, Grok2ApiException error, Hooks hooks) {
        update(id, job -> ended(job, result, error));
        try {
            hooks.ended(ended(submitted, result, error));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not report the end of video job " + id, e);
        } finally {
            Running job = running.remove(id);
            if (job != null) {
                job.ended().countDown();
            }
        }
    }

    private VideoJob withProgress(VideoJob job, VideoJob.State state, int percent) {
        return new VideoJob(job.id(), state, percent, job.request(), job.createdAt(), null, null, null);
    }

    private VideoJob ended(VideoJob job, VideoResult result, Grok2ApiException error) {
        return new VideoJob(
                job.id(),
                result != null ? VideoJob.State.COMPLETED : VideoJob.State.FAILED,
                result != null ? 100 : job.progress(),
                job.request(),
                job.createdAt(),
                clock.instant(),
                result,
                error);
    }

    private void update(String id, UnaryOperator<VideoJob> change) {
        synchronized (jobs) {
            jobs.computeIfPresent(id, (key, job) -> change.apply(job));
        }
    }

    private void forgetOldest() {
        Iterator<VideoJob> oldest = jobs.values().iterator();
        while (jobs.size() > RETAINED && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
