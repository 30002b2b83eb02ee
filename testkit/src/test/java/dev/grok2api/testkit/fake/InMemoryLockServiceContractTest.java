package dev.grok2api.testkit.fake;

import dev.grok2api.core.port.LockService;
import dev.grok2api.testkit.contract.LockServiceContract;

class InMemoryLockServiceContractTest extends LockServiceContract {
    private final InMemoryLockService locks = new InMemoryLockService();

    @Override
    protected LockService locks() {
        return locks;
    }
}
