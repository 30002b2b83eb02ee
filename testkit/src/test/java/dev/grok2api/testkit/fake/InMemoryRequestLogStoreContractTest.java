package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.RequestLogStore;
import dev.grok2api.testkit.contract.RequestLogStoreContract;

class InMemoryRequestLogStoreContractTest extends RequestLogStoreContract {
    private final InMemoryRequestLogStore store = new InMemoryRequestLogStore();

    @Override
    protected RequestLogStore store() {
        return store;
    }
}
