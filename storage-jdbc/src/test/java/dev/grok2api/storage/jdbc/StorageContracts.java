package dev.grok2api.storage.jdbc;

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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every store contract against one dialect: each test gets a fresh database and two {@link JdbcStorage}
 * instances on it, as two gateway instances would have. Subclasses name the dialect.
 */
abstract class StorageContracts {
    @TempDir
    Path dataDir;

    private TestDatabases.Fixture fixture;
    JdbcStorage first;
    JdbcStorage second;

    abstract Dialect dialect();

    @BeforeEach
    void openTwoInstances() throws Exception {
        fixture = TestDatabases.fresh(dialect(), dataDir);
        first = fixture.open();
        second = fixture.open();
    }

    @AfterEach
    void closeAndDrop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (fixture != null) {
            fixture.close();
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
