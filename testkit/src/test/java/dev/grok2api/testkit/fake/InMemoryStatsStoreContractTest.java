package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.StatsStore;
import dev.grok2api.testkit.contract.StatsStoreContract;

class InMemoryStatsStoreContractTest extends StatsStoreContract {
    private final InMemoryStatsStore store = new InMemoryStatsStore();

    @Override
    protected StatsStore store() {
        return store;
    }
}
