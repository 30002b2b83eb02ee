package dev.grok2api.token.pool;

import dev.grok2api.core.model.AccountTier;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The in-memory selection index: for every (pool, bucket) a "lane" of usable accounts grouped by rank (remaining
 * quota; unknown ranks highest), plus the accounts waiting out a cooldown ordered by its end. A pick takes the highest
 * rank and a random member of it, so it costs O(log ranks) whatever the pool size; updates are O(log n).
 *
 * <p>Eligibility for a bucket: not invalid or disabled, no cooldown in force, and the bucket not known to be
 * exhausted — except that a cooling account whose cooldown has passed ranks as unknown (its window is presumed to
 * have reset; the next outcome records the truth). Thread-safe: every operation holds one lock; a reload builds its
 * state outside the lock and swaps it in.
 *
 * <p><b>Local writes win over older reads.</b> Every {@link #put} and {@link #remove} (an outcome or an admin change of
 * this instance, as the store returned it) is numbered. Records read from the store to follow other instances ({@link
 * #follow}, {@link #replaceAll}) were read after {@link #version()} was taken; an account written or deleted here after
 * that keeps its newer local state, because a stale, higher quota would draw every concurrent pick to the account until
 * its next outcome, and a deleted account would come back.
 */
final class PoolIndex {
    static final int NONE = Integer.MIN_VALUE;
    static final int UNKNOWN = Integer.MAX_VALUE;
    /** Conversations remembered for sticky selection; the least recently used are forgotten first. */
    static final int STICKY_CAPACITY = 65_536;

    private static final QuotaBucket[] BUCKETS = QuotaBucket.values();
    private static final List<TokenPool> ANY_POOL = List.of(TokenPool.BASIC, TokenPool.SUPER);
    private static final List<TokenPool> SUPER_ONLY = List.of(TokenPool.SUPER);

    private final ReentrantLock lock = new ReentrantLock();
    private final RandomGenerator random;
    private final Map<String, String> sticky = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > STICKY_CAPACITY;
        }
    };
    private State state = new State();
    /** Number of the last local {@link #put} or {@link #remove}. Guarded by the lock. */
    private long version;
    /** Accounts removed here, with the number of their removal, until a reload that read after it. Guarded by the lock. */
    private final Map<String, Long> removed = new HashMap<>();

    /** @param random tie-break source; used only under the index lock, so it need not be thread-safe */
    PoolIndex(RandomGenerator random) {
        this.random = random;
    }

    /** The number of the last local write; take it before reading the store for {@link #follow} or {@link #replaceAll}. */
    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the whole index with these accounts, read from the store after {@code readAfter} was taken from {@link
     * #version()}; accounts written here since keep their local record. Sticky assignments survive (they are
     * re-checked on use).
     */
    void replaceAll(Collection<GrokToken> tokens, Instant now, long readAfter) {
        State fresh = new State();
        for (GrokToken token : tokens) {
            fresh.put(token, now, 0);
        }
        lock.lock();
        try {
            if (version > readAfter) { // only when this instance wrote while the store was read
                for (Slot local : state.slots.values()) {
                    if (local.version > readAfter && fresh.slots.containsKey(local.key)) {
                        fresh.put(local.token, now, local.version);
                    }
                }
            }
            removed.values().removeIf(at -> at <= readAfter);
            removed.keySet().forEach(fresh::remove);
            state = fresh;
        } finally {
            lock.unlock();
        }
    }

    /** Adds or updates one account with a record just written to the store by this instance. */
    void put(GrokToken token, Instant now) {
        lock.lock();
        try {
            state.put(token, now, ++version);
            removed.remove(token.token());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Updates accounts with records another instance wrote, read from the store after {@code readAfter} was taken from
     * {@link #version()}; accounts written here since keep their local record.
     */
    void follow(Collection<GrokToken> tokens, Instant now, long readAfter) {
        lock.lock();
        try {
            for (GrokToken token : tokens) {
                Slot local = state.slots.get(token.token());
                long localVersion = local != null ? local.version : removed.getOrDefault(token.token(), 0L);
                if (localVersion <= readAfter) {
                    state.put(token, now, local == null ? 0 : local.version);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets one account. */
    void remove(String token) {
        lock.lock();
        try {
            state.remove(token);
            removed.put(token, ++version);
        } finally {
            lock.unlock();
        }
    }

    /** The account as the index knows it, or empty. */
    Optional<GrokToken> get(String token) {
        lock.lock();
        try {
            Slot slot = state.slots.get(token);
            return slot == null ? Optional.empty() : Optional.of(slot.token);
        } finally {
            lock.unlock();
        }
    }

    /** How many accounts the index holds. */
    int size() {
        lock.lock();
        try {
            return state.slots.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Picks the account for the request: the sticky one when the conversation has one that is still usable for it,
     * otherwise the highest-ranked usable account of the first pool that has one (random among equals).
     *
     * @param stickySessions whether conversations stick to accounts
     * @return the account, or null when none can serve
     */
    GrokToken pick(TokenRequest request, Instant now, boolean stickySessions) {
        QuotaBucket bucket = request.model().quotaBucket();
        List<TokenPool> pools = request.model().tier() == AccountTier.SUPER ? SUPER_ONLY : ANY_POOL;
        String key = stickySessions ? request.stickyKey() : null;
        Set<String> excluded = request.excluded();
        lock.lock();
        try {
            state.releaseCooldowns(now);
            if (key != null) {
                Slot held = state.slots.get(sticky.get(key));
                if (held != null
                        && held.rank[bucket.ordinal()] != NONE
                        && pools.contains(held.token.pool())
                        && !excluded.contains(held.key)) {
                    return held.token;
                }
            }
            for (TokenPool pool : pools) {
                Slot slot = state.lane(pool, bucket).pick(excluded, random);
                if (slot != null) {
                    if (key != null) {
                        sticky.put(key, slot.key);
                    }
                    return slot.token;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The rank of an account in a bucket, with no cooldown in force. */
    static int rank(GrokToken token, QuotaBucket bucket) {
        if (token.status() == TokenStatus.COOLING && token.cooldownUntil() != null) {
            return UNKNOWN;
        }
        Quota quota = bucket == QuotaBucket.HEAVY ? token.heavyQuota() : token.quota();
        if (quota.exhausted()) {
            return NONE;
        }
        return quota.known() ? quota.remaining() : UNKNOWN;
    }

    /** One account's place in the index. */
    private static final class Slot {
        final String key;
        GrokToken token;
        /** Rank per bucket ordinal; {@link #NONE} when not in that lane. */
        final int[] rank = {NONE, NONE};
        /** Position in its rank's list, per bucket ordinal. */
        final int[] position = {-1, -1};
        /** End of the cooldown while the slot waits in the cooling set, else null. */
        Instant coolingUntil;
        /** Number of the local write that stored {@link #token}, or 0 when it was read from the store. */
        long version;

        Slot(String key) {
            this.key = key;
        }
    }

    /** The index proper, replaced wholesale by a reload. */
    private static final class State {
        final Map<String, Slot> slots = new HashMap<>();
        final Lane[] lanes = new Lane[TokenPool.values().length * BUCKETS.length];
        final TreeSet<Slot> cooling =
                new TreeSet<>(Comparator.comparing((Slot s) -> s.coolingUntil).thenComparing(s -> s.key));

        State() {
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new Lane();
            }
        }

        Lane lane(TokenPool pool, QuotaBucket bucket) {
            return lanes[pool.ordinal() * BUCKETS.length + bucket.ordinal()];
        }

        void put(GrokToken token, Instant now, long version) {
            Slot slot = slots.get(token.token());
            if (slot == null) {
                slot = new Slot(token.token());
                slots.put(slot.key, slot);
            } else {
                detach(slot);
            }
            slot.token = token;
            slot.version = version;
            attach(slot, now);
        }

        void remove(String token) {
            Slot slot = slots.remove(token);
            if (slot != null) {
                detach(slot);
            }
        }

        void releaseCooldowns(Instant now) {
            while (!cooling.isEmpty() && !cooling.first().coolingUntil.isAfter(now)) {
                Slot slot = cooling.pollFirst();
                slot.coolingUntil = null;
                attach(slot, now);
            }
        }

        private void attach(Slot slot, Instant now) {
            GrokToken token = slot.token;
            if (token.status() == TokenStatus.INVALID || token.status() == TokenStatus.DISABLED) {
                return;
            }
            if (token.coolingAt(now)) {
                slot.coolingUntil = token.cooldownUntil();
                cooling.add(slot);
                return;
            }
            for (QuotaBucket bucket : BUCKETS) {
                int rank = rank(token, bucket);
                if (rank != NONE) {
                    lane(token.pool(), bucket).add(slot, bucket.ordinal(), rank);
                }
            }
        }

        private void detach(Slot slot) {
            if (slot.coolingUntil != null) {
                cooling.remove(slot);
                slot.coolingUntil = null;
            }
            for (QuotaBucket bucket : BUCKETS) {
                if (slot.rank[bucket.ordinal()] != NONE) {
                    lane(slot.token.pool(), bucket).remove(slot, bucket.ordinal());
                }
            }
        }
    }

    /** Usable accounts of one (pool, bucket), grouped by rank. */
    private static final class Lane {
        final TreeMap<Integer, ArrayList<Slot>> tiers = new TreeMap<>();

        void add(Slot slot, int bucket, int rank) {
            ArrayList<Slot> tier = tiers.computeIfAbsent(rank, r -> new ArrayList<>());
            slot.rank[bucket] = rank;
            slot.position[bucket] = tier.size();
            tier.add(slot);
        }

        void remove(Slot slot, int bucket) {
            int rank = slot.rank[bucket];
            ArrayList<Slot> tier = tiers.get(rank);
            int at = slot.position[bucket];
            Slot last = tier.remove(tier.size() - 1);
            if (last != slot) {
                tier.set(at, last);
                last.position[bucket] = at;
            }
            if (tier.isEmpty()) {
                tiers.remove(rank);
            }
            slot.rank[bucket] = NONE;
            slot.position[bucket] = -1;
        }

        /** A random member of the highest tier that has one not excluded, or null. */
        Slot pick(Set<String> excluded, RandomGenerator random) {
            for (Map.Entry<Integer, ArrayList<Slot>> entry = tiers.lastEntry();
                    entry != null;
                    entry = tiers.lowerEntry(entry.getKey())) {
                ArrayList<Slot> tier = entry.getValue();
                int size = tier.size();
                int start = random.nextInt(size);
                // Excluded accounts are at most a few per request, so this scan ends after a few steps.
                for (int i = 0; i < size; i++) {
                    Slot slot = tier.get((start + i) % size);
                    if (!excluded.contains(slot.key)) {
                        return slot;
                    }
                }
            }
            return null;
        }
    }
}
