package dev.grok2api.storage.jdbc;

import dev.grok2api.testkit.junit.RealServer;
import dev.grok2api.testkit.junit.RequiresRealServer;

@RequiresRealServer(RealServer.POSTGRES)
class PostgresqlStorageIT extends StorageContracts {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
