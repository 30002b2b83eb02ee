package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.ConfigStore;
import dev.grok2api.testkit.contract.ConfigStoreContract;

class InMemoryConfigStoreContractTest extends ConfigStoreContract {
    private final InMemoryConfigStore store = new InMemoryConfigStore();

    @Override
    protected ConfigStore store() {
        return store;
    }
}
