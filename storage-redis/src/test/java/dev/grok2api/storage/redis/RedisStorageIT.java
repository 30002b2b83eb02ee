package dev.grok2api.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.storage.StoreSet;
import dev.grok2api.testkit.contract.StoreSetContract;
import dev.grok2api.testkit.junit.RealServer;
import dev.grok2api.testkit.junit.RequiresRealServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every store contract against the real Redis of {@code GROK2API_TEST_REDIS_URI}: each test writes under its own
 * key prefix through two {@link RedisStorage} instances and deletes its keys afterwards.
 */
@RequiresRealServer(RealServer.REDIS)
class RedisStorageIT extends StoreSetContract {
    private String prefix;
    private RedisStorage first;
    private RedisStorage second;

    @Override
    protected StoreSet first() {
        return first.stores();
    }

    @Override
    protected StoreSet second() {
        return second.stores();
    }

    @BeforeEach
    void openTwoInstances() {
        prefix = "g2a-test-" + UUID.randomUUID() + ":";
        RedisStorageConfig config =
                RedisStorageConfig.of(RealServer.url(RealServer.REDIS)).withKeyPrefix(prefix);
        first = RedisStorage.open(config);
        second = RedisStorage.open(config);
    }

    @AfterEach
    void closeAndDeleteKeys() {
        second.close();
        first.close();
        RedisClient client = RedisClient.create(RealServer.url(RealServer.REDIS));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(
                    connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000));
            while (keys.hasNext()) {
                connection.sync().del(keys.next());
            }
            assertThat(connection.sync().keys(prefix + "*")).isEmpty();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void should_notify_the_other_instance_when_config_is_merged() throws Exception {
        // given
        BlockingQueue<Long> versions = new LinkedBlockingQueue<>();
        second.onConfigChange(versions::add);

        // when
        long version = first.stores().config().merge(Map.of("app.api_key", "changed"));

        // then
        assertThat(versions.poll(5, TimeUnit.SECONDS)).isEqualTo(version);
        assertThat(second.stores().config().load()).containsEntry("app.api_key", "changed");
    }

    @Test
    void should_write_only_keys_under_its_prefix() {
        first.stores()
                .tokens()
                .insertIfAbsent(List.of(dev.grok2api.core.token.GrokToken.newAccount(
                        dev.grok2api.core.token.SsoCredential.parse("sso-prefix-check"),
                        dev.grok2api.core.token.TokenPool.BASIC,
                        java.time.Instant.EPOCH)));
        RedisClient client = RedisClient.create(RealServer.url(RealServer.REDIS));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().keys(prefix + "*"))
                    .containsExactlyInAnyOrder(
                            prefix + "tokens",
                            prefix + "tokens:created",
                            prefix + "tokens:changes",
                            prefix + "tokens:updated");
        } finally {
            client.shutdown();
        }
    }
}
