package dev.grok2api.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.testkit.contract.ApiKeyStoreContract;
import dev.grok2api.testkit.contract.ConfigStoreContract;
import dev.grok2api.testkit.contract.LockServiceContract;
import dev.grok2api.testkit.contract.RequestLogStoreContract;
import dev.grok2api.testkit.contract.SessionStoreContract;
import dev.grok2api.testkit.contract.StatsStoreContract;
import dev.grok2api.testkit.contract.TokenStoreContract;
import dev.grok2api.testkit.contract.UsageStoreContract;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every store contract against the real Redis of {@code GROK2API_TEST_REDIS_URI}: each test writes under its own
 * key prefix through two {@link RedisStorage} instances and deletes its keys afterwards.
 */
@RequiresRealServer(RealServer.REDIS)
class RedisStorageIT {
    private String prefix;
    private RedisStorage first;
    private RedisStorage second;

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
        long version = first.configStore().merge(Map.of("app.api_key", "changed"));

        // then
        assertThat(versions.poll(5, TimeUnit.SECONDS)).isEqualTo(version);
        assertThat(second.configStore().load()).containsEntry("app.api_key", "changed");
    }

    @Test
    void should_write_only_keys_under_its_prefix() {
        first.tokenStore()
                .insertIfAbsent(List.of(dev.grok2api.core.token.GrokToken.newAccount(
                        dev.grok2api.core.token.SsoCredential.parse("sso-prefix-check"),
                        dev.grok2api.core.token.TokenPool.BASIC,
                        java.time.Instant.EPOCH)));
        RedisClient client = RedisClient.create(RealServer.url(RealServer.REDIS));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().keys(prefix + "*"))
                    .containsExactlyInAnyOrder(prefix + "tokens", prefix + "tokens:created", prefix + "tokens:changes");
        } finally {
            client.shutdown();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore store() {
            return first.tokenStore();
        }

        @Override
        protected TokenStore secondInstance() {
            return second.tokenStore();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store() {
            return first.sessionStore();
        }

        @Override
        protected SessionStore secondInstance() {
            return second.sessionStore();
        }
    }

    @Nested
    class Config extends ConfigStoreContract {
        @Override
        protected ConfigStore store() {
            return first.configStore();
        }

        @Override
        protected ConfigStore secondInstance() {
            return second.configStore();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return first.apiKeyStore();
        }

        @Override
        protected ApiKeyStore secondInstance() {
            return second.apiKeyStore();
        }
    }

    @Nested
    class Usage extends UsageStoreContract {
        @Override
        protected UsageStore store() {
            return first.usageStore();
        }

        @Override
        protected UsageStore secondInstance() {
            return second.usageStore();
        }
    }

    @Nested
    class Stats extends StatsStoreContract {
        @Override
        protected StatsStore store() {
            return first.statsStore();
        }

        @Override
        protected StatsStore secondInstance() {
            return second.statsStore();
        }
    }

    @Nested
    class RequestLogs extends RequestLogStoreContract {
        @Override
        protected RequestLogStore store() {
            return first.requestLogStore();
        }

        @Override
        protected RequestLogStore secondInstance() {
            return second.requestLogStore();
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected LockService locks() {
            return first.lockService();
        }

        @Override
        protected LockService secondInstance() {
            return second.lockService();
        }
    }
}
