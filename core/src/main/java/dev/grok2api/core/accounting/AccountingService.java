package dev.grok2api.core.accounting;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.PermissionDeniedException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.core.usage.UsagePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Admits, charges and records client requests. For a managed key, {@link #run} first checks the model allow-list,
 * the per-minute rate and the concurrency limit, then charges the daily quota atomically across the plan's buckets
 * (all or nothing, on the quota day of {@link QuotaDay}); the global key and open mode are exempt. When the work fails
 * before any answer reached the client the charge is refunded. Every admitted request ends up in the statistics, the
 * request log and the metrics; refused ones in the request log and the metrics.
 *
 * <p>Thread-safe; {@link #run} executes the work on the calling thread.
 */
public final class AccountingService {
    private final UsageStore usage;
    private final KeyLimiter limiter;
    private final QuotaDay quotaDay;
    private final RequestRecorder recorder;
    private final InstantSource clock;

    public AccountingService(
            UsageStore usage, KeyLimiter limiter, QuotaDay quotaDay, RequestRecorder recorder, InstantSource clock) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.quotaDay = Objects.requireNonNull(quotaDay, "quotaDay");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Admits the request, runs {@code work} with its accounting, and settles it.
     *
     * @param who the authenticated caller
     * @param clientIp the caller's address, for the request log
     * @param model the model the request is for
     * @param plan what it costs against daily limits
     * @param work serves the request; it calls {@link RequestAccounting#answered()} or streams through {@link
     *     RequestAccounting#watch}. Work that goes on after it returns (a video job) calls {@link
     *     RequestAccounting#defer()}: the request is then settled — slot freed, charge refunded if the job failed,
     *     request recorded — when the job ends
     * @throws PermissionDeniedException {@code model_not_allowed} when the key may not use the model
     * @throws RateLimitException {@code daily_quota_exceeded}, {@code rate_limit_exceeded} or {@code
     *     concurrency_limit_exceeded} when a limit of the key is reached (with the time to wait)
     * @throws RuntimeException whatever {@code work} throws, after the request is settled
     */
    public void run(
            ClientIdentity who, String clientIp, ModelSpec model, UsagePlan plan, Consumer<RequestAccounting> work) {
        Instant start = clock.instant();
        RequestAccounting accounting = new RequestAccounting(this, who, clientIp, model.id(), start);
        KeyLimiter.Permit permit = null;
        LocalDate chargedDay = null;
        if (who.key() != null) {
            try {
                permit = admit(who.key(), model, start);
                chargedDay = charge(who.key(), plan, start);
            } catch (Grok2ApiException refusal) {
                if (permit != null) {
                    permit.release();
                }
                accounting.failed(refusal.status(), refusal.code());
                recorder.refused(accounting.entry(clock.instant()));
                throw refusal;
            }
        }
        KeyLimiter.Permit heldPermit = permit;
        LocalDate day = chargedDay;
        accounting.settleWith(() -> {
            if (heldPermit != null) {
                heldPermit.release();
            }
            settle(who, plan, day, accounting);
        });
        accounting.enter();
        try {
            work.accept(accounting);
        } catch (Grok2ApiException e) {
            accounting.failed(e.status(), e.code());
            throw e;
        } catch (RuntimeException | Error e) {
            accounting.failed(500, "internal_error");
            throw e;
        } finally {
            accounting.exit();
            accounting.handlerReturned();
        }
    }

    private KeyLimiter.Permit admit(ApiKey key, ModelSpec model, Instant now) {
        if (!key.allows(model.id())) {
            throw new PermissionDeniedException(
                    "model_not_allowed",
                    "This API key may not use the model " + model.id() + "; it may use: "
                            + String.join(", ", key.allowedModels()) + ".");
        }
        return limiter.acquire(key, now);
    }

    private LocalDate charge(ApiKey key, UsagePlan plan, Instant now) {
        LocalDate day = quotaDay.dayOf(now);
        ChargeResult result = usage.charge(key.id(), day, plan.charges(key.limits()), now);
        if (!result.charged()) {
            throw new RateLimitException(
                    "daily_quota_exceeded",
                    "Daily quota exceeded: " + plan.label(),
                    Duration.between(now, quotaDay.nextStart(now)));
        }
        return day;
    }

    private void settle(ClientIdentity who, UsagePlan plan, LocalDate chargedDay, RequestAccounting accounting) {
        Instant end = clock.instant();
        Map<UsageBucket, Integer> refund =
                accounting.nothingDelivered() ? plan.amounts() : accounting.undeliveredUnits();
        if (chargedDay != null && !refund.isEmpty()) {
            try {
                usage.refund(who.key().id(), chargedDay, refund, end);
            } catch (RuntimeException e) {
                // The store failed: the charge stays. The request's own outcome is what the client must see.
                recorder.metrics().refundFailed();
            }
        }
        recorder.served(accounting.entry(end), accounting.succeeded());
    }

    Instant now() {
        return clock.instant();
    }
}
