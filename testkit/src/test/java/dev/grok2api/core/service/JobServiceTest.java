package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.job.JobSpec;
import dev.grok2api.core.job.JobState;
import dev.grok2api.testkit.fake.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JobServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final FakeClock clock = new FakeClock(T0);
    private final JobService inline = new JobService(Runnable::run, clock, new SplittableRandom(5));

    private static List<Integer> numbers(int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(i);
        }
        return out;
    }

    private static JobSpec<Integer> spec(List<Integer> items, int concurrency, Function<Integer, JobItemResult> task) {
        return new JobSpec<>(
                "test.numbers", items, concurrency, String::valueOf, task, false, Map.of("n", items.size()));
    }

    @Test
    void should_process_every_item_and_summarise_successes_failures_and_counters() {
        // when
        Job job = inline.start(spec(
                numbers(10),
                3,
                n -> n % 3 == 0
                        ? JobItemResult.failed(String.valueOf(n), "divisible by three")
                                .counting("threes")
                        : JobItemResult.ok(String.valueOf(n))));

        // then
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.total()).isEqualTo(10);
        assertThat(job.completed()).isEqualTo(10);
        assertThat(job.succeeded()).isEqualTo(7);
        assertThat(job.failed()).isEqualTo(3);
        assertThat(job.counter("threes")).isEqualTo(3);
        assertThat(job.failures()).extracting(JobItemResult::item).containsExactly("3", "6", "9");
        assertThat(job.results()).isEmpty();
        assertThat(job.lastError()).isEqualTo("divisible by three");
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.parameters()).containsEntry("n", 10);
        assertThat(job.id()).hasSize(16);
        assertThat(job.startedAt()).isEqualTo(T0);
        assertThat(job.finishedAt()).isEqualTo(T0);
    }

    @Test
    void should_keep_every_result_when_asked_to() {
        // when
        Job job = inline.start(new JobSpec<>(
                "test.keep", numbers(3), 1, String::valueOf, n -> JobItemResult.ok("#" + n), true, Map.of()));

        // then
        assertThat(job.results()).extracting(JobItemResult::item).containsExactly("#1", "#2", "#3");
    }

    @Test
    void should_record_a_thrown_exception_as_that_item_failure_and_go_on() {
        // when
        Job job = inline.start(spec(numbers(3), 1, n -> {
            if (n == 2) {
                throw new IllegalStateException("boom");
            }
            return JobItemResult.ok(String.valueOf(n));
        }));

        // then
        assertThat(job.succeeded()).isEqualTo(2);
        assertThat(job.failures()).singleElement().satisfies(f -> {
            assertThat(f.item()).isEqualTo("2");
            assertThat(f.error()).contains("boom");
        });
    }

    @Test
    void should_stop_starting_items_when_cancelled() {
        // given: the operator cancels while item 3 runs
        List<Job> seenWhileRunning = new ArrayList<>();

        // when
        Job job = inline.start(spec(numbers(10), 1, n -> {
            if (n == 3) {
                Job running = inline.list().get(0);
                seenWhileRunning.add(running);
                inline.cancel(running.id());
            }
            return JobItemResult.ok(String.valueOf(n));
        }));

        // then
        assertThat(seenWhileRunning.get(0).state()).isEqualTo(JobState.RUNNING);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.completed()).isEqualTo(3);
        assertThat(inline.require(job.id()).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void should_never_run_more_items_at_once_than_the_concurrency() throws Exception {
        // given
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch fourStarted = new CountDownLatch(4);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            JobService service = new JobService(threads, clock, new SplittableRandom(5));

            // when
            Job started = service.start(spec(numbers(40), 4, n -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                fourStarted.countDown();
                try {
                    fourStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return JobItemResult.ok(String.valueOf(n));
            }));
            Job finished = service.await(started.id(), Duration.ofSeconds(30));

            // then
            assertThat(finished.state()).isEqualTo(JobState.COMPLETED);
            assertThat(finished.succeeded()).isEqualTo(40);
            assertThat(peak.get()).isEqualTo(4);
        }
    }

    @Test
    void should_complete_an_empty_job_at_once() {
        // when
        Job job = inline.start(spec(List.of(), 5, n -> JobItemResult.ok("x")));

        // then
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.total()).isZero();
        assertThat(job.progress()).isEqualTo(1.0);
    }

    @Test
    void should_answer_404_for_an_unknown_job() {
        assertThatThrownBy(() -> inline.require("0123456789abcdef"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("0123456789abcdef");
        assertThatThrownBy(() -> inline.cancel("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void should_list_newest_first_and_forget_the_oldest_finished_jobs_beyond_the_retention() {
        // when
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JobService.RETAINED_JOBS + 5; i++) {
            ids.add(inline.start(spec(numbers(1), 1, n -> JobItemResult.ok("x")))
                    .id());
        }

        // then
        assertThat(inline.list()).hasSize(JobService.RETAINED_JOBS);
        assertThat(inline.list().get(0).id()).isEqualTo(ids.get(ids.size() - 1));
        assertThat(inline.find(ids.get(0))).isEmpty();
        assertThat(inline.find(ids.get(5))).isPresent();
    }
}
