package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A cap on how much of one kind of work runs at once, whose size is read from the settings at every admission so an
 * operator's change applies without a restart ({@code performance.media_max_concurrent} for media generations, {@code
 * performance.usage_max_concurrent} for quota queries). Work over the cap waits for a slot; a waiting caller whose
 * request is cancelled stops waiting at once. Thread-safe; fair enough for this use (not FIFO).
 */
public final class ConcurrencyLimit {
    private final IntSupplier capacity;
    private final String slotName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int running;

    /**
     * @param capacity the current cap, read at every admission; values below 1 count as 1
     * @param slotName what a slot is for, in the message of a cancelled wait (e.g. {@code "a quota query"})
     */
    public ConcurrencyLimit(IntSupplier capacity, String slotName) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.slotName = Objects.requireNonNull(slotName, "slotName");
    }

    /**
     * Runs {@code work} in a slot, on the calling thread.
     *
     * @throws CancellationException when cancelled (or interrupted, keeping the interrupt flag) while waiting
     */
    public <T> T run(Cancellation cancellation, Supplier<T> work) {
        try (Cancellation.Registration ignored = cancellation.onCancel(this::wakeWaiters)) {
            lock.lock();
            try {
                while (running >= Math.max(1, capacity.getAsInt())) {
                    if (cancellation.isCancelled()) {
                        throw new CancellationException("cancelled while waiting for a slot for " + slotName);
                    }
                    changed.await();
                }
                running++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a slot for " + slotName);
            } finally {
                lock.unlock();
            }
        }
        try {
            return work.get();
        } finally {
            lock.lock();
            try {
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs {@code work} in a slot, for background work that is never cancelled.
     *
     * @throws CancellationException when interrupted while waiting (the interrupt flag is kept)
     */
    public <T> T call(Supplier<T> work) {
        return run(Cancellation.create(), work);
    }

    private void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
