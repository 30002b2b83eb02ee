package dev.grok2api.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.ServiceUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStorageConfigTest {

    @Test
    void should_mask_the_password_when_printed() {
        RedisStorageConfig config = RedisStorageConfig.of("redis://user:hunter2@cache:6379/1");
        assertThat(config.toString()).doesNotContain("hunter2").contains("redis://user:***@cache:6379/1");
        assertThat(RedisStorageConfig.of("rediss://:hunter2@cache/0").maskedUri())
                .isEqualTo("rediss://:***@cache/0");
    }

    @Test
    void should_reject_a_url_that_is_not_redis() {
        assertThatThrownBy(() -> RedisStorageConfig.of("http://:hunter2@cache:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void should_fail_with_the_masked_url_when_redis_is_unreachable() {
        // port 1 on loopback: nothing listens there, so the connection is refused at once
        RedisStorageConfig config =
                RedisStorageConfig.of("redis://:hunter2@127.0.0.1:1/0").withTimeout(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RedisStorage.open(config))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("redis://:***@127.0.0.1:1/0")
                .hasMessageNotContaining("hunter2");
    }
}
