package dev.grok2api.server.javalin;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Start-up work that does not depend on the storage (slow class initialisation, reading bundled resources) runs on
 * its own thread while the storage opens, so a start costs the longer of the two paths rather than their sum.
 */
final class Preload {
    private Preload() {}

    /** Starts the task on a daemon thread. */
    static <T> Future<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofPlatform().daemon().name("grok2api-preload-" + name).start(future);
        return future;
    }

    /** The task's result, waiting for it; its exception is rethrown as it was thrown. */
    static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("start-up task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }
}
