package dev.grok2api.core.chat;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-way signal that the caller no longer wants the result of a running call, typically because the client
 * disconnected. The party that detects the loss calls {@link #cancel()}; the party doing the work registers what to
 * abort (for example an HTTP call) with {@link #onCancel}.
 *
 * <p>Thread-safe: {@code cancel} may be called from any thread, any number of times; registered actions run once, on
 * the cancelling thread, and must be quick and must not throw.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CopyOnWriteArrayList<Runnable> actions = new CopyOnWriteArrayList<>();

    /** A fresh, not yet cancelled signal. */
    public static Cancellation create() {
        return new Cancellation();
    }

    /** Cancels: runs every registered action once. Later calls do nothing. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            // Whoever removes an action runs it, so an action registered concurrently runs exactly once.
            for (Runnable action : actions) {
                if (actions.remove(action)) {
                    action.run();
                }
            }
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Registers an action to run on cancellation; runs it at once (on this thread) if already cancelled.
     *
     * @return a handle that unregisters the action when closed (call it when the work is done)
     */
    public Registration onCancel(Runnable action) {
        actions.add(action);
        if (cancelled.get() && actions.remove(action)) {
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** Unregisters an action; closing twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
