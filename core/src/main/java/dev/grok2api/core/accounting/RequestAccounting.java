package dev.grok2api.core.accounting;

import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.requestlog.RequestLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accounting of one client request, from its admission by {@link AccountingService#run} to its end. The request
 * handler tells it when the answer starts reaching the client ({@link #answered()}, or through {@link #watch} for a
 * stream); the rest is automatic: the Grok account used is noted by {@link TrackingTokenSelector}, and the end
 * refunds the daily quota when the request failed before any answer reached the client, frees the concurrency slot
 * and records the request.
 *
 * <p>Used by the request's own thread; {@link #current()} finds the accounting of the request running on the
 * calling thread. Work that outlives the request's handler (a video job) takes a {@link Deferred} handle with {@link
 * #defer()}, and the request is settled when both the handler returned and the handle was ended.
 */
public final class RequestAccounting {
    private static final ThreadLocal<RequestAccounting> CURRENT = new ThreadLocal<>();
    private static final int TOKEN_SUFFIX_LENGTH = 6;

    private final AccountingService service;
    private final ClientIdentity who;
    private final String clientIp;
    private final String model;
    private final Instant start;
    private volatile Instant firstByteAt;
    private volatile String tokenSuffix = "";
    private volatile String errorCode = "";
    private volatile Map<UsageBucket, Integer> undelivered = Map.of();
    private volatile int status = 200;
    /** Set when deferred work failed: it delivered nothing, whatever the submission's answer was. */
    private volatile boolean voided;
    /** The handler, plus a deferred handle when there is one: the last of them to end settles the request. */
    private final AtomicInteger openEnds = new AtomicInteger(1);

    private final AtomicBoolean deferred = new AtomicBoolean();
    private volatile Runnable settlement = () -> {};

    RequestAccounting(AccountingService service, ClientIdentity who, String clientIp, String model, Instant start) {
        this.service = service;
        this.who = who;
        this.clientIp = clientIp;
        this.model = model;
        this.start = start;
    }

    /** The accounting of the request running on this thread, if any. */
    public static Optional<RequestAccounting> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    void enter() {
        CURRENT.set(this);
    }

    void exit() {
        CURRENT.remove();
    }

    void settleWith(Runnable settlement) {
        this.settlement = settlement;
    }

    void handlerReturned() {
        endOne();
    }

    private void endOne() {
        if (openEnds.decrementAndGet() == 0) {
            settlement.run();
        }
    }

    /**
     * Keeps the request open after its handler returns, for work that goes on in the background: the key's concurrency
     * slot stays taken, and the request is recorded (with the work's outcome) and its charge refunded if the work
     * failed when {@link Deferred#ended} is called. Call at most once, from the handler, just before handing the work
     * off; the work must end the handle exactly once, or the request is never recorded.
     *
     * @throws IllegalStateException when called twice
     */
    public Deferred defer() {
        if (!deferred.compareAndSet(false, true)) {
            throw new IllegalStateException("The request is already deferred");
        }
        openEnds.incrementAndGet();
        return new Deferred();
    }

    /** The end of a request's background work; see {@link #defer()}. Thread-safe. */
    public final class Deferred {
        private final AtomicBoolean ended = new AtomicBoolean();

        private Deferred() {}

        /**
         * The work wrapped so that, on whichever thread runs it, it counts as this request's (the Grok account it
         * uses is noted in the request log).
         */
        public Runnable bind(Runnable work) {
            return () -> {
                enter();
                try {
                    work.run();
                } finally {
                    exit();
                }
            };
        }

        /**
         * Ends the background work and settles the request once its handler has returned too. Only the first call
         * counts.
         *
         * @param failure why the work failed, or null when it succeeded; a failure refunds the whole charge
         */
        public void ended(Grok2ApiException failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                failed(failure.status(), failure.code());
                voided = true;
            }
            endOne();
        }
    }

    /** Notes that the answer starts reaching the client now (idempotent): from here on, no refund. */
    public void answered() {
        if (firstByteAt == null) {
            firstByteAt = service.now();
        }
    }

    /**
     * Notes that part of what was charged was not delivered (e.g. 3 of 4 requested images): those units are refunded
     * when the request ends, even though the rest of the answer reached the client.
     *
     * @param bucket the bucket the units were charged to
     * @param units how many were not delivered; 0 or less does nothing
     */
    public void undelivered(UsageBucket bucket, int units) {
        if (units > 0) {
            undelivered = Map.of(bucket, units);
        }
    }

    /** What {@link #undelivered} recorded: bucket → units to refund; empty when everything was delivered. */
    Map<UsageBucket, Integer> undeliveredUnits() {
        return undelivered;
    }

    /** Notes the Grok account serving the request (only a short suffix is kept). */
    public void tokenUsed(String token) {
        tokenSuffix =
                token.length() <= TOKEN_SUFFIX_LENGTH ? token : token.substring(token.length() - TOKEN_SUFFIX_LENGTH);
    }

    /**
     * A listener that notes the stream's start and in-band failure, then passes every call on to {@code listener}.
     */
    public ChatStreamListener watch(ChatStreamListener listener) {
        return new ChatStreamListener() {
            @Override
            public void onStart(ChatStreamStart start) {
                passOn(() -> listener.onStart(start));
                answered();
            }

            @Override
            public void onDelta(ChatDelta delta) {
                passOn(() -> listener.onDelta(delta));
            }

            @Override
            public void onIdle() {
                passOn(listener::onIdle);
            }

            @Override
            public void onComplete(ChatStreamEnd end) {
                passOn(() -> listener.onComplete(end));
            }

            @Override
            public void onError(Grok2ApiException error) {
                errorCode = error.code();
                passOn(() -> listener.onError(error));
            }
        };
    }

    private void passOn(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (errorCode.isEmpty()) {
                errorCode = "client_disconnected";
            }
            throw e;
        }
    }

    void failed(int httpStatus, String code) {
        status = httpStatus;
        errorCode = code;
    }

    /** Whether the client got nothing of an answer: a charge for this request is refunded. */
    boolean nothingDelivered() {
        return voided || firstByteAt == null && (status >= 400 || !errorCode.isEmpty());
    }

    boolean succeeded() {
        return status < 400 && errorCode.isEmpty();
    }

    RequestLogEntry entry(Instant end) {
        return new RequestLogEntry(
                start,
                clientIp,
                who.name(),
                model,
                status,
                Math.max(0, Duration.between(start, end).toMillis()),
                firstByteAt == null
                        ? -1
                        : Math.max(0, Duration.between(start, firstByteAt).toMillis()),
                tokenSuffix,
                errorCode);
    }
}
