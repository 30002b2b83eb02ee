package dev.grok2api.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.testkit.junit.RealServer;
import dev.grok2api.testkit.junit.RequiresRealServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database created by an earlier release keeps its accounts when this one upgrades it, and the upgraded schema serves
 * the change feed: the accounts are written at schema version 2 (before the feed existed), then the storage opens
 * normally and migrates.
 */
class SchemaUpgradeIT {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void should_keep_the_accounts_and_follow_changes_when_sqlite_is_upgraded() throws Exception {
        upgrade(TestDatabases.sqlite(dataDir));
    }

    @Test
    @RequiresRealServer(RealServer.POSTGRES)
    void should_keep_the_accounts_and_follow_changes_when_postgresql_is_upgraded() throws Exception {
        upgrade(TestDatabases.postgres());
    }

    @Test
    @RequiresRealServer(RealServer.MYSQL)
    void should_keep_the_accounts_and_follow_changes_when_mysql_is_upgraded() throws Exception {
        upgrade(TestDatabases.mysql());
    }

    private static void upgrade(TestDatabases.Fixture fixture) throws Exception {
        try (fixture) {
            // given: the schema of the release before the change feed, with accounts in it
            try (Database old = new Database(fixture.config())) {
                Flyway.configure()
                        .dataSource(old.migrationDataSource())
                        .locations(fixture.config().dialect().migrationLocation())
                        .target("2")
                        .load()
                        .migrate();
                // as that release wrote them: the row's columns then, and the change counter bumped
                String insert = fixture.config().dialect().insertIgnoring("tokens", TokenRows.COLUMNS);
                old.write(handle -> {
                    for (String token : List.of("sso-upgrade-a", "sso-upgrade-b")) {
                        TokenRows.bind(handle.createUpdate(insert), account(token))
                                .execute();
                    }
                    return Database.bumpCounter(handle, "tokens");
                });
            }

            // when
            try (JdbcStorage upgraded = fixture.open()) {
                TokenStore tokens = upgraded.tokenStore();
                long position = tokens.changeMarker();
                tokens.recordSuccess("sso-upgrade-b", QuotaBucket.NORMAL, new QuotaChange.Estimated(1), T0);
                TokenChanges changes = tokens.changesSince(position, 10);

                // then
                assertThat(tokens.listAll())
                        .extracting(GrokToken::token)
                        .containsExactlyInAnyOrder("sso-upgrade-a", "sso-upgrade-b");
                assertThat(changes.complete()).isTrue();
                assertThat(changes.changed())
                        .singleElement()
                        .satisfies(account -> assertThat(account.useCount()).isEqualTo(1));
                assertThat(tokens.changesSince(position - 1, 10).complete())
                        .as("the accounts inserted before the upgrade count as a change of the pool")
                        .isFalse();
            }
        }
    }

    private static GrokToken account(String token) {
        return GrokToken.newAccount(SsoCredential.parse(token), TokenPool.BASIC, T0);
    }
}
