package dev.grok2api.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on many threads released at the same instant, to make writers really overlap. */
final class Concurrently {
    private Concurrently() {}

    /** A task given its thread number and iteration. */
    interface Step {
        void run(int thread, int iteration) throws Exception;
    }

    /**
     * Runs {@code step} {@code iterations} times on each of {@code threads} threads, all starting together; rethrows
     * the first failure. Gives up after 120 seconds so a deadlocked store fails instead of hanging the build.
     */
    static void run(int threads, int iterations, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        step.run(thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
