package dev.grok2api.storage.jdbc;

import dev.grok2api.core.storage.StoreSet;
import dev.grok2api.testkit.contract.StoreSetContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every store contract against one dialect: each test gets a fresh database and two {@link JdbcStorage}
 * instances on it, as two gateway instances would have. Subclasses name the dialect.
 */
abstract class StorageContracts extends StoreSetContract {
    @TempDir
    Path dataDir;

    private TestDatabases.Fixture fixture;
    private JdbcStorage first;
    private JdbcStorage second;

    abstract Dialect dialect();

    @Override
    protected StoreSet first() {
        return first.stores();
    }

    @Override
    protected StoreSet second() {
        return second.stores();
    }

    @BeforeEach
    void openTwoInstances() throws Exception {
        fixture = TestDatabases.fresh(dialect(), dataDir);
        first = fixture.open();
        second = fixture.open();
    }

    @AfterEach
    void closeAndDrop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }
}
