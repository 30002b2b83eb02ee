package dev.grok2api.server.javalin.jobs;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store writes that need not delay a response (statistics, request log rows) on one background thread, in
 * order. The queue is bounded: when the store cannot keep up, further writes are dropped and counted rather than
 * exhausting memory. Failures are logged. {@link #close()} finishes the queued writes (up to ten seconds).
 */
public final class StoreWriter implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final LongAdder dropped = new LongAdder();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE_CAPACITY),
            task -> {
                Thread thread = new Thread(task, "grok2api-store-writer");
                thread.setDaemon(true);
                return thread;
            },
            (task, pool) -> {
                dropped.increment();
                if (dropped.sum() % 1000 == 1) {
                    LOG.warn("The store is behind: {} request records dropped so far", dropped.sum());
                }
            });

    @Override
    public void execute(Runnable write) {
        executor.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.warn("Recording a request failed: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
