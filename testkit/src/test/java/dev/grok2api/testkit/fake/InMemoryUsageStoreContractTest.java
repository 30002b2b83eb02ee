package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.UsageStore;
import dev.grok2api.testkit.contract.UsageStoreContract;

class InMemoryUsageStoreContractTest extends UsageStoreContract {
    private final InMemoryUsageStore store = new InMemoryUsageStore();

    @Override
    protected UsageStore store() {
        return store;
    }
}
