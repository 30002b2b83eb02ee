package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.requestlog.RequestLogEntry;
import dev.grok2api.core.requestlog.RequestLogQuery;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.usage.UsageCharge;
import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ServerOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateBackupTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);

    @TempDir
    Path dir;

    private static void fill(Storage s) {
        GrokToken token =
                GrokToken.newAccount(SsoCredential.parse("sso=backup-token-0001;sso-rw=rw-0001"), TokenPool.SUPER, NOW);
        s.tokens()
                .insertIfAbsent(List.of(
                        token, GrokToken.newAccount(SsoCredential.parse("backup-token-0002"), TokenPool.BASIC, NOW)));
        s.tokens()
                .edit(
                        token.token(),
                        TokenEdit.none().withTags(List.of("a", "b")).withNote("n"));
        s.tokens().recordSuccess(token.token(), QuotaBucket.NORMAL, new QuotaChange.Estimated(3), NOW);
        s.tokens().coolDown(token.token(), NOW.plusSeconds(60), new TokenFailure("rate_limited", "429", NOW));
        s.config()
                .merge(Map.of(
                        "app.app_key", "pw", "grok.retry_status_codes", List.of(401L, 429L), "grok.timeout", 90.5));
        ApiKey key = ApiKey.create("k1", "sk-backup-key-0000000000001", "team", new DailyLimits(10, 1, 2, 3), NOW);
        s.apiKeys().create(key);
        s.usage().charge("k1", LocalDate.of(2026, 3, 1), List.of(new UsageCharge(UsageBucket.CHAT, 4, -1)), NOW);
        s.stats().record("grok-4", true, NOW, LocalDate.of(2026, 3, 1));
        s.stats().record("grok-4", false, NOW, LocalDate.of(2026, 3, 1));
        s.requestLogs().append(new RequestLogEntry(NOW, "127.0.0.1", "team", "grok-4", 200, 1500, 90, "0001", ""));
        s.requestLogs()
                .append(new RequestLogEntry(
                        NOW.plusSeconds(1), "127.0.0.1", "team", "grok-4", 502, 30, -1, "0001", "upstream_error"));
    }

    @Test
    void should_reproduce_the_whole_state_when_exported_and_restored_into_an_empty_backend() {
        // given
        try (Storage source = Storage.open(ServerOptions.forTests(dir.resolve("a")));
                Storage target = Storage.open(ServerOptions.forTests(dir.resolve("b")))) {
            fill(source);
            Object document = JsonFiles.mapperRoundTrip(new StateBackup(source, CLOCK).export());

            // when
            ImportReport report = new StateBackup(target, CLOCK).restore(document);

            // then
            assertThat(report.problems()).isEmpty();
            assertThat(target.tokens().listAll())
                    .containsExactlyInAnyOrderElementsOf(source.tokens().listAll());
            assertThat(target.config().load()).isEqualTo(source.config().load());
            assertThat(target.apiKeys().list(ApiKeyQuery.firstPage(10)))
                    .isEqualTo(source.apiKeys().list(ApiKeyQuery.firstPage(10)));
            assertThat(target.usage().usage("k1", LocalDate.of(2026, 3, 1)))
                    .isEqualTo(source.usage().usage("k1", LocalDate.of(2026, 3, 1)));
            assertThat(CarefulWrites.allHours(target.stats())).isEqualTo(CarefulWrites.allHours(source.stats()));
            assertThat(CarefulWrites.allDays(target.stats())).isEqualTo(CarefulWrites.allDays(source.stats()));
            assertThat(target.stats().topModels(10)).isEqualTo(source.stats().topModels(10));
            assertThat(target.requestLogs().list(RequestLogQuery.newest(10)).items())
                    .extracting(r -> r.entry())
                    .isEqualTo(source.requestLogs().list(RequestLogQuery.newest(10)).items().stream()
                            .map(r -> r.entry())
                            .toList());

            // and restoring again changes nothing
            ImportReport again = new StateBackup(target, CLOCK).restore(document);
            assertThat(again.changedAnything()).isFalse();
            assertThat(target.requestLogs().list(RequestLogQuery.newest(10)).total())
                    .isEqualTo(2);
        }
    }

    @Test
    void should_refuse_a_document_that_is_not_a_state_export() {
        try (Storage target = Storage.open(ServerOptions.forTests(dir))) {
            assertThatThrownBy(() -> new StateBackup(target, CLOCK).restore(Map.of("ssoBasic", List.of())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("import-reference");
        }
    }
}
