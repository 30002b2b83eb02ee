package dev.grok2api.storage.jdbc;

class SqliteStorageContractTest extends StorageContracts {
    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
