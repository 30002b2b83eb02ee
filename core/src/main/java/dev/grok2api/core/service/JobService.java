package dev.grok2api.core.service;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.job.JobSpec;
import dev.grok2api.core.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Runs long admin operations (bulk refreshes, purges) in the background so no browser has to loop over thousands of
 * items: a job processes its items with bounded concurrency, reports progress, can be cancelled, and keeps a result
 * summary for operators to read later.
 *
 * <p>Jobs live in this instance's memory: the status of a job is known to the instance that runs it, and finished
 * jobs are forgotten after the {@value #RETAINED_JOBS} most recent ones (or a restart). The work they did is in the
 * stores. Thread-safe.
 */
public final class JobService {
    /** How many jobs (running or finished) are kept for status queries. */
    public static final int RETAINED_JOBS = 100;

    private final Executor executor;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Map<String, RunningJob<?>> jobs = new LinkedHashMap<>();

    /**
     * @param executor runs the workers; each worker occupies a thread for the whole job, so prefer virtual threads
     * @param clock time source for start and finish stamps
     * @param random source of job ids; called under this service's lock
     */
    public JobService(Executor executor, InstantSource clock, RandomGenerator random) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Starts a job. Its workers run on the executor; with a same-thread executor the job has finished when this
     * returns.
     *
     * @return the job as it is right after starting (or finishing)
     */
    public <T> Job start(JobSpec<T> spec) {
        RunningJob<T> job;
        synchronized (jobs) {
            job = new RunningJob<>(newId(), spec, clock.instant());
            jobs.put(job.id, job);
            evictOldFinished();
        }
        job.launch();
        return job.snapshot();
    }

    /** The job with this id, or empty when it is unknown or was forgotten. */
    public Optional<Job> find(String id) {
        RunningJob<?> job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        return Optional.ofNullable(job).map(RunningJob::snapshot);
    }

    /**
     * The job with this id.
     *
     * @throws NotFoundException (404 {@code job_not_found}) when it is unknown or was forgotten
     */
    public Job require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** Every retained job, newest first. */
    public List<Job> list() {
        List<RunningJob<?>> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        List<Job> out = new ArrayList<>(all.size());
        for (int i = all.size() - 1; i >= 0; i--) {
            out.add(all.get(i).snapshot());
        }
        return out;
    }

    /**
     * Asks a job to stop: no new item starts; items in progress finish. Cancelling a finished job changes nothing.
     *
     * @throws NotFoundException (404 {@code job_not_found}) when the job is unknown
     */
    public Job cancel(String id) {
        RunningJob<?> job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            throw notFound(id);
        }
        job.cancel();
        return job.snapshot();
    }

    /**
     * Waits until the job has finished or the timeout elapsed.
     *
     * @return the job as it is then (check {@link JobState#finished()})
     * @throws NotFoundException when the job is unknown
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Job await(String id, Duration timeout) throws InterruptedException {
        RunningJob<?> job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            throw notFound(id);
        }
        job.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return job.snapshot();
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(
                "job_not_found",
                "No job with id '" + id + "' (jobs are kept in memory of the instance that ran them).");
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void evictOldFinished() {
        int excess = jobs.size() - RETAINED_JOBS;
        var it = jobs.values().iterator();
        while (excess > 0 && it.hasNext()) {
            if (it.next().finished()) {
                it.remove();
                excess--;
            }
        }
    }

    /** One job's mutable state; every field is guarded by the instance's monitor except the latch and cursor. */
    private final class RunningJob<T> {
        final String id;
        final JobSpec<T> spec;
        final Instant startedAt;
        final AtomicInteger cursor = new AtomicInteger();
        final AtomicInteger activeWorkers = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
        JobState state = JobState.RUNNING;
        int succeeded;
        int failed;
        final Map<String, Long> counters = new LinkedHashMap<>();
        final List<JobItemResult> failures = new ArrayList<>();
        final List<JobItemResult> results = new ArrayList<>();
        Instant finishedAt;
        String lastError;

        RunningJob(String id, JobSpec<T> spec, Instant startedAt) {
            this.id = id;
            this.spec = spec;
            this.startedAt = startedAt;
        }

        void launch() {
            int workers = Math.min(spec.concurrency(), spec.items().size());
            if (workers == 0) {
                finish(JobState.COMPLETED, null);
                return;
            }
            activeWorkers.set(workers);
            for (int i = 0; i < workers; i++) {
                try {
                    executor.execute(this::work);
                } catch (RejectedExecutionException e) {
                    // Workers already launched keep going; the missing ones simply never start.
                    if (activeWorkers.decrementAndGet() == 0) {
                        finish(JobState.FAILED, "the job could not start: the server is shutting down");
                    }
                }
            }
        }

        private void work() {
            try {
                int index;
                while (!cancelRequested()
                        && (index = cursor.getAndIncrement()) < spec.items().size()) {
                    record(runOne(spec.items().get(index)));
                }
            } finally {
                if (activeWorkers.decrementAndGet() == 0) {
                    finish(cancelRequested() ? JobState.CANCELLED : JobState.COMPLETED, null);
                }
            }
        }

        private JobItemResult runOne(T item) {
            String label = spec.label().apply(item);
            try {
                JobItemResult result = spec.task().apply(item);
                return result != null ? result : JobItemResult.failed(label, "the task returned no result");
            } catch (Grok2ApiException e) {
                return JobItemResult.failed(label, e.publicMessage());
            } catch (RuntimeException e) {
                return JobItemResult.failed(label, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        synchronized boolean finished() {
            return state.finished();
        }

        private synchronized boolean cancelRequested() {
            return state == JobState.CANCELLING;
        }

        synchronized void cancel() {
            if (state == JobState.RUNNING) {
                state = JobState.CANCELLING;
            }
        }

        private synchronized void record(JobItemResult result) {
            if (result.ok()) {
                succeeded++;
            } else {
                failed++;
                lastError = result.error();
                if (failures.size() < Job.MAX_FAILURES) {
                    failures.add(result);
                }
            }
            for (String counter : result.counters()) {
                counters.merge(counter, 1L, Long::sum);
            }
            if (spec.keepResults()) {
                results.add(result);
            }
        }

        private void finish(JobState finalState, String error) {
            synchronized (this) {
                state = finalState;
                finishedAt = clock.instant();
                if (error != null) {
                    lastError = error;
                }
            }
            done.countDown();
        }

        synchronized Job snapshot() {
            return new Job(
                    id,
                    spec.kind(),
                    state,
                    spec.items().size(),
                    succeeded + failed,
                    succeeded,
                    failed,
                    counters,
                    failures,
                    results,
                    spec.parameters(),
                    startedAt,
                    finishedAt,
                    lastError);
        }
    }
}
