package dev.grok2api.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.chat.ChatDelta;
import dev.grok2api.core.chat.ChatStreamEnd;
import dev.grok2api.core.chat.ChatStreamListener;
import dev.grok2api.core.chat.ChatStreamStart;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.PermissionDeniedException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.fixture.TestClock;
import dev.grok2api.core.metrics.GatewayMetrics;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.requestlog.LoggedRequest;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.core.usage.UsagePlan;
import dev.grok2api.testkit.fake.FakeTokenSelector;
import dev.grok2api.testkit.fake.InMemoryRequestLogStore;
import dev.grok2api.testkit.fake.InMemoryStatsStore;
import dev.grok2api.testkit.fake.InMemoryUsageStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AccountingServiceTest {
    private static final Instant NOON_SHANGHAI = Instant.parse("2030-01-01T04:00:00Z");

    private final TestClock clock = new TestClock(NOON_SHANGHAI);
    private final MutableSettings settings = MutableSettings.defaults();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final InMemoryStatsStore stats = new InMemoryStatsStore();
    private final InMemoryRequestLogStore log = new InMemoryRequestLogStore();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(480);
    private final AccountingService accounting = new AccountingService(
            usage,
            new KeyLimiter(),
            quotaDay,
            new RequestRecorder(stats, log, metrics, quotaDay, settings, Runnable::run),
            clock);
    private final ModelCatalog catalog = ModelCatalog.standard();

    private static ClientIdentity keyWith(DailyLimits limits) {
        return ClientIdentity.managed(
                ApiKey.create("k_test", "sk-test-0123456789abcdef", "tester", limits, Instant.EPOCH));
    }

    private ModelSpec model(String id) {
        return catalog.find(id).orElseThrow();
    }

    private void chat(ClientIdentity who, String model) {
        chat(who, model, RequestAccounting::answered);
    }

    private void chat(ClientIdentity who, String model, Consumer<RequestAccounting> work) {
        ModelSpec spec = model(model);
        accounting.run(who, "192.0.2.1", spec, UsagePlan.chat(spec), work);
    }

    private Grok2ApiException refusal(Runnable request) {
        Throwable thrown = catchThrowable(request::run);
        assertThat(thrown).isInstanceOf(Grok2ApiException.class);
        return (Grok2ApiException) thrown;
    }

    private DailyUsage today() {
        return usage.usage("k_test", quotaDay.dayOf(clock.instant()));
    }

    @Test
    void should_charge_chat_once_per_request_and_refuse_past_the_limit_with_the_reference_error() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(2, -1, -1, -1));
        chat(who, "grok-4.1-fast");
        chat(who, "grok-3");

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-3"));

        // then
        assertThat(error).isInstanceOf(RateLimitException.class);
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.code()).isEqualTo("daily_quota_exceeded");
        assertThat(error.publicMessage()).isEqualTo("Daily quota exceeded: chat");
        // midnight in UTC+8 is 16:00 UTC, twelve hours after noon
        assertThat(((RateLimitException) error).retryAfter()).isEqualTo(Duration.ofHours(12));
        assertThat(today().chat()).isEqualTo(2);
    }

    @Test
    void should_charge_heavy_and_chat_together_or_not_at_all() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(5, 1, -1, -1));
        chat(who, "grok-4-heavy");

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-4-heavy"));

        // then
        assertThat(error.publicMessage()).isEqualTo("Daily quota exceeded: heavy/chat");
        assertThat(today().heavy()).isEqualTo(1);
        assertThat(today().chat()).isEqualTo(1);
    }

    @Test
    void should_refuse_heavy_when_only_the_chat_bucket_is_full() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(0, 10, -1, -1));

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-4-heavy"));

        // then
        assertThat(error.code()).isEqualTo("daily_quota_exceeded");
        assertThat(today().heavy()).isZero();
    }

    @Test
    void should_charge_two_images_for_an_image_model_in_chat_and_n_for_the_image_api() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(-1, -1, 5, -1));
        chat(who, "grok-imagine-1.0");
        ModelSpec image = model("grok-imagine-1.0");
        accounting.run(who, "192.0.2.1", image, UsagePlan.images(3), RequestAccounting::answered);

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-imagine-1.0"));

        // then
        assertThat(error.publicMessage()).isEqualTo("Daily quota exceeded: image");
        assertThat(today().image()).isEqualTo(5);
        assertThat(today().chat()).isZero();
    }

    @Test
    void should_charge_videos_to_their_own_bucket() {
        ClientIdentity who = keyWith(new DailyLimits(-1, -1, -1, 1));
        chat(who, "grok-imagine-1.0-video");
        assertThat(refusal(() -> chat(who, "grok-imagine-1.0-video")).publicMessage())
                .isEqualTo("Daily quota exceeded: video");
        assertThat(today().video()).isEqualTo(1);
    }

    @Test
    void should_block_a_bucket_with_limit_zero_and_never_limit_minus_one() {
        ClientIdentity blocked = keyWith(new DailyLimits(0, -1, -1, -1));
        assertThat(refusal(() -> chat(blocked, "grok-3")).code()).isEqualTo("daily_quota_exceeded");

        ClientIdentity unlimited = keyWith(DailyLimits.NONE);
        for (int i = 0; i < 50; i++) {
            chat(unlimited, "grok-3");
        }
        assertThat(today().chat()).isEqualTo(50);
    }

    @Test
    void should_not_charge_the_global_key_or_open_mode() {
        chat(ClientIdentity.GLOBAL, "grok-3");
        chat(ClientIdentity.OPEN, "grok-4-heavy");
        assertThat(usage.pruneBefore(LocalDate.MAX)).isZero();
        assertThat(log.list(RequestLogQuery.newest(10)).items())
                .extracting(r -> r.entry().keyName())
                .containsOnly("");
    }

    @Test
    void should_start_a_new_quota_day_at_midnight_of_the_configured_offset() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(1, -1, -1, -1));
        chat(who, "grok-3");
        assertThat(refusal(() -> chat(who, "grok-3")).code()).isEqualTo("daily_quota_exceeded");
        LocalDate firstDay = quotaDay.dayOf(clock.instant());

        // when: one second before and at 16:00 UTC (midnight in UTC+8)
        clock.set(Instant.parse("2030-01-01T15:59:59Z"));
        assertThat(refusal(() -> chat(who, "grok-3")).code()).isEqualTo("daily_quota_exceeded");
        clock.set(Instant.parse("2030-01-01T16:00:00Z"));
        chat(who, "grok-3");

        // then
        assertThat(usage.usage("k_test", firstDay).chat()).isEqualTo(1);
        assertThat(today().day()).isEqualTo(firstDay.plusDays(1));
        assertThat(today().chat()).isEqualTo(1);
    }

    @Test
    void should_refund_the_charge_when_the_request_fails_before_any_answer() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(1, 1, -1, -1));
        UpstreamUnavailableException upstreamDown = new UpstreamUnavailableException(503, "Grok is down", null, null);

        // when
        Throwable thrown = catchThrowable(() -> chat(who, "grok-4-heavy", request -> {
            throw upstreamDown;
        }));

        // then
        assertThat(thrown).isSameAs(upstreamDown);
        assertThat(today().heavy()).isZero();
        assertThat(today().chat()).isZero();
        chat(who, "grok-4-heavy");
        assertThat(today().heavy()).isEqualTo(1);
        RequestLogEntry failed =
                log.list(RequestLogQuery.newest(10)).items().get(1).entry();
        assertThat(failed.status()).isEqualTo(upstreamDown.status());
        assertThat(failed.errorCode()).isEqualTo(upstreamDown.code());
        assertThat(failed.firstByteMs()).isEqualTo(-1);
    }

    @Test
    void should_refund_only_the_images_that_were_not_delivered() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(-1, -1, 10, -1));
        ModelSpec image = model("grok-imagine-1.0");

        // when: 4 images asked for, 1 delivered
        accounting.run(who, "192.0.2.1", image, UsagePlan.images(4), request -> {
            request.answered();
            request.undelivered(UsageBucket.IMAGE, 3);
        });

        // then
        assertThat(today().image()).isEqualTo(1);
    }

    @Test
    void should_keep_the_charge_when_a_stream_fails_after_it_started() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(3, -1, -1, -1));

        // when
        chat(who, "grok-3", request -> {
            ChatStreamListener listener = request.watch(new RecordingListener());
            listener.onStart(new ChatStreamStart("id", "grok-3", clock.instant()));
            clock.advance(Duration.ofMillis(250));
            listener.onError(UpstreamStreamException.truncated("cut"));
        });

        // then
        assertThat(today().chat()).isEqualTo(1);
        RequestLogEntry entry =
                log.list(RequestLogQuery.newest(1)).items().get(0).entry();
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.errorCode()).isEqualTo("upstream_stream_error");
        assertThat(entry.firstByteMs()).isZero();
        assertThat(entry.durationMs()).isEqualTo(250);
        assertThat(stats.topModels(1).get(0).failed()).isEqualTo(1);
    }

    @Test
    void should_refund_when_the_client_left_before_anything_was_sent() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(3, -1, -1, -1));
        IllegalStateException gone = new IllegalStateException("client closed the connection");

        // when
        Throwable thrown = catchThrowable(() -> chat(who, "grok-3", request -> {
            ChatStreamListener listener = request.watch(new RecordingListener() {
                @Override
                public void onStart(ChatStreamStart start) {
                    throw gone;
                }
            });
            listener.onStart(new ChatStreamStart("id", "grok-3", clock.instant()));
        }));

        // then
        assertThat(thrown).isSameAs(gone);
        assertThat(today().chat()).isZero();
    }

    @Test
    void should_let_exactly_the_limit_through_when_requests_race() throws Exception {
        // given
        ClientIdentity who = keyWith(new DailyLimits(10, -1, -1, -1));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();

        // when: 100 requests released at once
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        chat(who, "grok-3");
                        return true;
                    } catch (RateLimitException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                succeeded += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            // then
            assertThat(succeeded).isEqualTo(10);
            assertThat(today().chat()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_models_outside_the_allow_list_without_charging() {
        // given
        ApiKey key = ApiKey.create("k_test", "sk-test-0123456789abcdef", "tester", DailyLimits.NONE, Instant.EPOCH);
        ClientIdentity who = ClientIdentity.managed(
                ApiKeyEdit.none().withAllowedModels(List.of("grok-3")).applyTo(key));
        chat(who, "grok-3");

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-4-heavy"));

        // then
        assertThat(error).isInstanceOf(PermissionDeniedException.class);
        assertThat(error.code()).isEqualTo("model_not_allowed");
        assertThat(today().heavy()).isZero();
        assertThat(metrics.snapshot().rejections()).containsEntry("model_not_allowed", 1L);
    }

    @Test
    void should_enforce_requests_per_minute_over_a_sliding_minute() {
        // given
        ApiKey key = ApiKey.create("k_test", "sk-test-0123456789abcdef", "tester", DailyLimits.NONE, Instant.EPOCH);
        ClientIdentity who = ClientIdentity.managed(
                ApiKeyEdit.none().withRequestsPerMinute(2).applyTo(key));
        chat(who, "grok-3");
        clock.advance(Duration.ofSeconds(20));
        chat(who, "grok-3");

        // when
        Grok2ApiException error = refusal(() -> chat(who, "grok-3"));

        // then
        assertThat(error.code()).isEqualTo("rate_limit_exceeded");
        assertThat(((RateLimitException) error).retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(today().chat()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(40));
        chat(who, "grok-3");
    }

    @Test
    void should_enforce_the_concurrency_limit_and_free_the_slot_at_the_end() {
        // given
        ApiKey key = ApiKey.create("k_test", "sk-test-0123456789abcdef", "tester", DailyLimits.NONE, Instant.EPOCH);
        ClientIdentity who =
                ClientIdentity.managed(ApiKeyEdit.none().withMaxConcurrency(1).applyTo(key));
        List<String> nested = new ArrayList<>();

        // when: a second request while the first is in flight
        chat(
                who,
                "grok-3",
                request -> nested.add(refusal(() -> chat(who, "grok-3")).code()));

        // then
        assertThat(nested).containsExactly("concurrency_limit_exceeded");
        chat(who, "grok-3");
        assertThat(today().chat()).isEqualTo(2);
    }

    @Test
    void should_settle_deferred_work_when_it_ends_and_refund_it_when_it_failed() {
        // given: a key allowed two videos and one at a time
        ApiKey key = ApiKey.create(
                "k_test", "sk-test-0123456789abcdef", "tester", new DailyLimits(-1, -1, -1, 2), Instant.EPOCH);
        ClientIdentity who =
                ClientIdentity.managed(ApiKeyEdit.none().withMaxConcurrency(1).applyTo(key));
        TrackingTokenSelector selector =
                new TrackingTokenSelector(FakeTokenSelector.of("video-account-123456"), metrics);
        List<RequestAccounting.Deferred> jobs = new ArrayList<>();
        List<Runnable> work = new ArrayList<>();

        // when: two jobs, each handed off by its request
        chat(who, "grok-imagine-1.0-video", request -> {
            RequestAccounting.Deferred job = request.defer();
            jobs.add(job);
            work.add(job.bind(() -> selector.acquire(TokenRequest.forModel(model("grok-imagine-1.0-video")))
                    .orElseThrow()));
            request.answered();
        });
        String busy = refusal(() -> chat(who, "grok-imagine-1.0-video")).code();
        work.get(0).run();
        clock.advance(Duration.ofSeconds(30));
        long loggedWhileRunning = log.list(RequestLogQuery.newest(10)).total();
        jobs.get(0).ended(new UpstreamUnavailableException(502, "Grok failed the video", null, null));
        chat(who, "grok-imagine-1.0-video", request -> {
            RequestAccounting.Deferred job = request.defer();
            job.ended(null); // ends before its handler returns
            request.answered();
        });

        // then: the slot was held while the first job ran; its failure refunded it and is what the log shows
        assertThat(busy).isEqualTo("concurrency_limit_exceeded");
        assertThat(loggedWhileRunning).isEqualTo(1); // only the refusal
        assertThat(today().video()).isEqualTo(1);
        List<LoggedRequest> rows = log.list(RequestLogQuery.newest(10)).items();
        assertThat(rows).extracting(row -> row.entry().status()).containsExactly(200, 502, 429);
        RequestLogEntry failed = rows.get(1).entry();
        assertThat(failed.errorCode()).isEqualTo("upstream_error");
        assertThat(failed.durationMs()).isEqualTo(30_000);
        assertThat(failed.tokenSuffix()).isEqualTo("123456");
        assertThat(stats.topModels(1).get(0))
                .satisfies(m -> assertThat(m.success()).isEqualTo(1))
                .satisfies(m -> assertThat(m.failed()).isEqualTo(1));
    }

    @Test
    void should_record_served_requests_in_stats_log_and_metrics_with_the_account_suffix() {
        // given
        ClientIdentity who = keyWith(new DailyLimits(1, -1, -1, -1));
        TrackingTokenSelector selector =
                new TrackingTokenSelector(FakeTokenSelector.of("account-token-abcdef"), metrics);

        // when
        chat(who, "grok-3", request -> {
            selector.acquire(TokenRequest.forModel(model("grok-3"))).orElseThrow();
            clock.advance(Duration.ofMillis(120));
            request.answered();
        });
        refusal(() -> chat(who, "grok-3"));

        // then
        List<LoggedRequest> rows = log.list(RequestLogQuery.newest(10)).items();
        assertThat(rows).hasSize(2);
        RequestLogEntry refused = rows.get(0).entry();
        RequestLogEntry served = rows.get(1).entry();
        assertThat(served.keyName()).isEqualTo("tester");
        assertThat(served.clientIp()).isEqualTo("192.0.2.1");
        assertThat(served.model()).isEqualTo("grok-3");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.tokenSuffix()).isEqualTo("abcdef");
        assertThat(served.firstByteMs()).isEqualTo(120);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("daily_quota_exceeded");
        assertThat(stats.topModels(5)).singleElement().satisfies(m -> {
            assertThat(m.success()).isEqualTo(1);
            assertThat(m.failed()).isZero();
        });
        assertThat(metrics.snapshot().requests()).containsEntry(new GatewayMetrics.RequestKey("grok-3", 200), 1L);
        assertThat(RequestAccounting.current()).isEmpty();
    }

    @Test
    void should_keep_no_request_rows_when_the_log_is_off() {
        settings.set("stats.request_log_enabled", false);
        chat(ClientIdentity.GLOBAL, "grok-3");
        assertThat(log.list(RequestLogQuery.newest(10)).total()).isZero();
        assertThat(stats.topModels(1)).hasSize(1);
    }

    private static class RecordingListener implements ChatStreamListener {
        @Override
        public void onStart(ChatStreamStart start) {}

        @Override
        public void onDelta(ChatDelta delta) {}

        @Override
        public void onComplete(ChatStreamEnd end) {}

        @Override
        public void onError(Grok2ApiException error) {}
    }
}
