package dev.grok2api.testkit.contract;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.core.port.LockService;
import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.storage.StoreSet;
import org.junit.jupiter.api.Nested;

/**
 * Every store contract against one storage adapter, as nested suites. Subclass it once per backend; provide, for each
 * test, the stores of two instances on the same fresh backend (as two gateway instances would have them), so
 * cross-instance atomicity is proven for every port.
 */
public abstract class StoreSetContract {

    /** The stores under test; empty at the start of every test. */
    protected abstract StoreSet first();

    /** A second instance on the same backend as {@link #first()}. */
    protected abstract StoreSet second();

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore store() {
            return first().tokens();
        }

        @Override
        protected TokenStore secondInstance() {
            return second().tokens();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store() {
            return first().sessions();
        }

        @Override
        protected SessionStore secondInstance() {
            return second().sessions();
        }
    }

    @Nested
    class Config extends ConfigStoreContract {
        @Override
        protected ConfigStore store() {
            return first().config();
        }

        @Override
        protected ConfigStore secondInstance() {
            return second().config();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return first().apiKeys();
        }

        @Override
        protected ApiKeyStore secondInstance() {
            return second().apiKeys();
        }
    }

    @Nested
    class Usage extends UsageStoreContract {
        @Override
        protected UsageStore store() {
            return first().usage();
        }

        @Override
        protected UsageStore secondInstance() {
            return second().usage();
        }
    }

    @Nested
    class Stats extends StatsStoreContract {
        @Override
        protected StatsStore store() {
            return first().stats();
        }

        @Override
        protected StatsStore secondInstance() {
            return second().stats();
        }
    }

    @Nested
    class RequestLogs extends RequestLogStoreContract {
        @Override
        protected RequestLogStore store() {
            return first().requestLogs();
        }

        @Override
        protected RequestLogStore secondInstance() {
            return second().requestLogs();
        }
    }

    @Nested
    class Locks extends LockServiceContract {
        @Override
        protected LockService locks() {
            return first().locks();
        }

        @Override
        protected LockService secondInstance() {
            return second().locks();
        }
    }
}
