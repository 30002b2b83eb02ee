package dev.grok2api.storage.jdbc;

import dev.grok2api.testkit.junit.RealServer;
import dev.grok2api.testkit.junit.RequiresRealServer;

@RequiresRealServer(RealServer.MYSQL)
class MysqlStorageIT extends StorageContracts {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
