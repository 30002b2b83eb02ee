package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.testkit.contract.ApiKeyStoreContract;

class InMemoryApiKeyStoreContractTest extends ApiKeyStoreContract {
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

    @Override
    protected ApiKeyStore store() {
        return store;
    }
}
