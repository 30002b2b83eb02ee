package dev.grok2api.server.javalin.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's periodic jobs (configuration reload, retention, …) on two daemon threads, with each job's last run and
 * last error kept for {@code /readyz}. A failing run is logged and retried at the next period; it never stops the
 * job. Thread-safe.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private final InstantSource clock;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();

    /**
     * What is known about a job.
     *
     * @param lastSuccess when a run last succeeded, or null
     * @param lastFailure when a run last failed, or null
     * @param lastError the last failure's message, or null
     */
    public record JobState(Instant lastSuccess, Instant lastFailure, String lastError) {}

    public BackgroundJobs(InstantSource clock) {
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "grok2api-jobs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code job} every {@code period}, first after {@code initialDelay}. */
    public void schedule(String name, Duration initialDelay, Duration period, Runnable job) {
        jobs.put(name, new JobState(null, null, null));
        executor.scheduleWithFixedDelay(
                () -> run(name, job), initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String name, Runnable job) {
        JobState before = jobs.get(name);
        boolean wasFailing = before.lastFailure() != null
                && (before.lastSuccess() == null || before.lastFailure().isAfter(before.lastSuccess()));
        try {
            job.run();
            jobs.put(name, new JobState(clock.instant(), before.lastFailure(), before.lastError()));
            if (wasFailing) {
                LOG.info("Background job {} works again", name);
            }
        } catch (RuntimeException e) {
            // Log a failure once when it starts, not on every run of a job that runs every second.
            if (wasFailing) {
                LOG.debug("Background job {} still fails: {}", name, e.getMessage());
            } else {
                LOG.warn("Background job {} failed (retried at its next run): {}", name, e.getMessage(), e);
            }
            jobs.put(name, new JobState(before.lastSuccess(), clock.instant(), e.getMessage()));
        }
    }

    /** Whether the jobs still run (false after {@link #close()}). */
    public boolean running() {
        return !executor.isShutdown();
    }

    /** Every job's state, by name. */
    public Map<String, JobState> states() {
        return new LinkedHashMap<>(jobs);
    }

    /** Stops the jobs; a run in progress may finish (up to five seconds). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
