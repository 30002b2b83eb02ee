package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.SessionStore;
import dev.grok2api.testkit.contract.SessionStoreContract;

class InMemorySessionStoreContractTest extends SessionStoreContract {
    private final InMemorySessionStore store = new InMemorySessionStore();

    @Override
    protected SessionStore store() {
        return store;
    }
}
