package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.TokenStore;
import dev.grok2api.testkit.contract.TokenStoreContract;

class InMemoryTokenStoreContractTest extends TokenStoreContract {
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    protected TokenStore store() {
        return store;
    }
}
