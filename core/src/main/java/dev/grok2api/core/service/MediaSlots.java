package dev.grok2api.core.service;

import dev.grok2api.core.chat.Cancellation;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Caps how many media generations run at once ({@code performance.media_max_concurrent}, read at every admission so
 * a change applies at once). A generation over the cap waits for a slot; a waiting caller whose request is cancelled
 * stops waiting at once. Thread-safe.
 */
final class MediaSlots {
    private final IntSupplier capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int running;

    /** @param capacity the current cap, read at every admission; values below 1 count as 1 */
    MediaSlots(IntSupplier capacity) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    /**
     * Runs {@code work} in a slot.
     *
     * @throws CancellationException when cancelled (or interrupted) while waiting for a slot
     */
    <T> T run(Cancellation cancellation, Supplier<T> work) {
        try (Cancellation.Registration ignored = cancellation.onCancel(this::wakeWaiters)) {
            lock.lock();
            try {
                while (running >= Math.max(1, capacity.getAsInt())) {
                    if (cancellation.isCancelled()) {
                        throw new CancellationException("cancelled while waiting for a media generation slot");
                    }
                    changed.await();
                }
                running++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a media generation slot");
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

    private void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
