package dev.grok2api.token.pool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A semaphore whose size is read from the settings at every acquisition, so an operator's change of {@code
 * performance.usage_max_concurrent} applies without a restart. Shared by every quota query of one instance (syncs
 * after chats, the refresh scheduler, admin refresh jobs). Thread-safe; fair enough for background work (not FIFO).
 */
public final class ConcurrencyLimit {
    private final IntSupplier limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private int inUse;

    /** @param limit the current maximum, read at every acquisition; values below 1 count as 1 */
    public ConcurrencyLimit(IntSupplier limit) {
        this.limit = limit;
    }

    /**
     * Runs {@code call} once fewer than the limit are running.
     *
     * @throws CancellationException when the thread is interrupted while waiting (the interrupt flag is kept)
     */
    public <T> T call(Supplier<T> call) {
        lock.lock();
        try {
            while (inUse >= Math.max(1, limit.getAsInt())) {
                released.await();
            }
            inUse++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a quota-query slot");
        } finally {
            lock.unlock();
        }
        try {
            return call.get();
        } finally {
            lock.lock();
            try {
                inUse--;
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
