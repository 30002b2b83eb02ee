package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.ServiceUnavailableException;
import dev.grok2api.server.javalin.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StorageWaitTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final StorageWait wait = new StorageWait(
            clock, d -> now.updateAndGet(t -> t.plus(d)), Duration.ofSeconds(10), Duration.ofMillis(500));

    private static ServiceUnavailableException down() {
        return new ServiceUnavailableException(
                "storage_unavailable", "cannot connect to the POSTGRESQL database at jdbc:postgresql://db/g", null);
    }

    @Test
    void should_return_the_backend_once_it_comes_up_within_the_timeout() {
        AtomicInteger attempts = new AtomicInteger();
        String opened = wait.open("pgsql (db)", () -> {
            if (attempts.incrementAndGet() < 5) {
                throw down();
            }
            return "open";
        });
        assertThat(opened).isEqualTo("open");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void should_give_up_with_a_message_naming_the_target_after_the_timeout() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> wait.open("pgsql (postgresql://u:***@db:5432/g)", () -> {
                    attempts.incrementAndGet();
                    throw down();
                }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("postgresql://u:***@db:5432/g")
                .hasMessageContaining("10 s")
                .hasMessageContaining("STORAGE_WAIT_TIMEOUT");
        assertThat(attempts).hasValue(21);
        assertThat(now.get()).isEqualTo(Instant.parse("2026-03-01T00:00:10Z"));
    }

    @Test
    void should_read_the_wait_from_the_environment_and_reject_nonsense() {
        assertThat(StorageWait.fromEnvironment(Map.of("STORAGE_WAIT_TIMEOUT", "0")))
                .isNotNull();
        assertThatThrownBy(() -> StorageWait.fromEnvironment(Map.of("STORAGE_WAIT_TIMEOUT", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_WAIT_TIMEOUT");
    }
}
