package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.server.javalin.config.ServerOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceImportTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z"));
    private static final String KEY = "sk-AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    @TempDir
    Path dataDir;

    private Path reference;
    private Storage storage;

    @BeforeEach
    void copyFixturesAndOpen() throws IOException, URISyntaxException {
        reference = dataDir.resolve("reference");
        Files.createDirectories(reference);
        Path fixtures = Path.of(getClass().getResource("/reference-data").toURI());
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.toList()) {
                Files.copy(file, reference.resolve(file.getFileName()));
            }
        }
        storage = Storage.open(ServerOptions.forTests(dataDir.resolve("store")));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private ImportReport importReference() {
        return new ReferenceImport(storage, CLOCK, ZoneOffset.UTC).run(reference);
    }

    private GrokToken token(String suffix) {
        return storage.tokens().listAll().stream()
                .filter(t -> t.token().endsWith(suffix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no token ending in " + suffix));
    }

    @Test
    void should_reproduce_every_token_field_when_token_json_is_imported() {
        // when
        ImportReport report = importReference();

        // then
        assertThat(report.problems()).isEmpty();
        assertThat(report.tokensImported()).isEqualTo(5);
        GrokToken one = token("basic-one.sig");
        assertThat(one.token()).doesNotStartWith("sso=");
        assertThat(one.pool()).isEqualTo(TokenPool.BASIC);
        assertThat(one.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(one.quota()).isEqualTo(new Quota(64, Quota.UNKNOWN, 0));
        assertThat(one.heavyQuota()).isEqualTo(Quota.UNKNOWN_QUOTA);
        assertThat(one.useCount()).isEqualTo(16);
        assertThat(one.createdAt()).isEqualTo(Instant.ofEpochMilli(1735689600000L));
        assertThat(one.lastUsedAt()).isEqualTo(Instant.ofEpochMilli(1735700000000L));
        assertThat(one.lastSyncAt()).isEqualTo(Instant.ofEpochMilli(1735690000000L));
        assertThat(one.tags()).containsExactly("team-a");
        assertThat(one.note()).isEqualTo("primary account");
        assertThat(token("basic-cooling.sig").status()).isEqualTo(TokenStatus.COOLING);
        GrokToken expired = token("basic-expired.sig");
        assertThat(expired.status()).isEqualTo(TokenStatus.INVALID);
        assertThat(expired.failCount()).isEqualTo(5);
        assertThat(expired.lastFailure().message()).isEqualTo("401 Unauthorized");
        assertThat(expired.lastFailure().at()).isEqualTo(Instant.ofEpochMilli(1735699999000L));
        assertThat(expired.lastAssetClearAt()).isEqualTo(Instant.ofEpochMilli(1735699000000L));
        assertThat(token("plain-string-token-0001").quota()).isEqualTo(Quota.NEW_ACCOUNT);
        GrokToken heavy = token("super-one.sig");
        assertThat(heavy.pool()).isEqualTo(TokenPool.SUPER);
        assertThat(heavy.heavyQuota().remaining()).isEqualTo(20);
        assertThat(heavy.tags()).containsExactly("vip", "team-b");
    }

    @Test
    void should_import_config_and_map_legacy_settings_without_overriding_config_toml() {
        // when
        importReference();

        // then
        Map<String, Object> config = storage.config().load();
        assertThat(config)
                .containsEntry("app.app_key", "s3cret-admin")
                .containsEntry("app.api_key", "sk-global-key-from-reference")
                .containsEntry("grok.temporary", false)
                .containsEntry("grok.retry_status_codes", List.of(401L, 429L))
                .containsEntry("token.fail_threshold", 3L)
                .containsEntry("app.app_url", "https://grok.example.com")
                .containsEntry("grok.base_proxy_url", "http://proxy.internal:8080")
                .containsEntry("grok.cf_clearance", "abc123")
                .containsEntry("grok.thinking", false)
                .containsEntry("grok.filter_tags", List.of("xaiartifact", "xai:tool_usage_card"))
                .containsEntry("grok.timeout", 600L)
                .containsEntry("cache.limit_mb", 1536L)
                .doesNotContainKeys("app.admin_username", "app.image_format");
    }

    @Test
    void should_import_keys_with_limits_and_their_daily_usage() {
        // when
        ImportReport report = importReference();

        // then
        assertThat(report.apiKeysImported()).isEqualTo(2);
        ApiKey key = storage.apiKeys().findByHash(ApiKey.hashOf(KEY)).orElseThrow();
        assertThat(key.name()).isEqualTo("team-a");
        assertThat(key.enabled()).isTrue();
        assertThat(key.mask()).isEqualTo("sk-AbC…2345");
        assertThat(key.limits()).isEqualTo(new DailyLimits(100, 5, 20, -1));
        assertThat(key.createdAt()).isEqualTo(Instant.ofEpochSecond(1735689600));
        assertThat(storage.apiKeys().findByHash(ApiKey.hashOf("sk-disabled-key-00000000000000000000")))
                .hasValueSatisfying(k -> assertThat(k.enabled()).isFalse());
        assertThat(storage.usage().usage(key.id(), LocalDate.of(2026, 2, 28)))
                .isEqualTo(new DailyUsage(key.id(), LocalDate.of(2026, 2, 28), 12, 2, 4, 0));
        assertThat(storage.usage().usage(key.id(), LocalDate.of(2026, 3, 1)))
                .isEqualTo(new DailyUsage(key.id(), LocalDate.of(2026, 3, 1), 3, 0, 0, 1));
        assertThat(report.usageImported()).isEqualTo(2);
    }

    @Test
    void should_import_hourly_daily_and_model_stats() {
        // when
        importReference();

        // then
        Instant eight = Instant.parse("2026-03-01T08:00:00Z");
        assertThat(storage.stats().hourly(eight, eight.plusSeconds(7200)))
                .containsExactly(new HourlyStats(eight, 9, 1), new HourlyStats(eight.plusSeconds(3600), 4, 0));
        assertThat(storage.stats().daily(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1)))
                .containsExactly(
                        new DailyStats(LocalDate.of(2026, 2, 28), 95, 5),
                        new DailyStats(LocalDate.of(2026, 3, 1), 13, 1));
        assertThat(storage.stats().topModels(5))
                .containsExactly(new ModelStats("grok-4", 80, 0), new ModelStats("grok-3", 34, 0));
    }

    @Test
    void should_change_nothing_when_the_same_directory_is_imported_twice() {
        // given
        importReference();
        long tokenMarker = storage.tokens().changeMarker();
        long configVersion = storage.config().version();

        // when
        ImportReport second = importReference();

        // then
        assertThat(second.changedAnything()).isFalse();
        assertThat(second.tokensSkipped()).isEqualTo(5);
        assertThat(storage.tokens().changeMarker()).isEqualTo(tokenMarker);
        assertThat(storage.config().version()).isEqualTo(configVersion);
        assertThat(storage.stats().topModels(1)).containsExactly(new ModelStats("grok-4", 80, 0));
        assertThat(second.toString()).contains("skipped (the store already has stats)");
    }

    @Test
    void should_keep_newer_data_when_the_store_was_used_before_the_import() {
        // given: the new server already knows one token (edited) and an admin password
        importReference();
        GrokToken one = token("basic-one.sig");
        storage.tokens().edit(one.token(), TokenEdit.none().withNote("edited in grok2api-java"));
        storage.config().merge(Map.of("app.app_key", "changed-later"));
        storage.tokens().delete(List.of(token("basic-cooling.sig").token()));

        // when
        ImportReport again = importReference();

        // then: the deleted token comes back, nothing newer is overwritten
        assertThat(again.tokensImported()).isEqualTo(1);
        assertThat(token("basic-one.sig").note()).isEqualTo("edited in grok2api-java");
        assertThat(storage.config().load()).containsEntry("app.app_key", "changed-later");
    }

    @Test
    void should_report_an_unreadable_file_and_still_import_the_others() throws IOException {
        // given
        Files.writeString(reference.resolve("stats.json"), "{ not json");

        // when
        ImportReport report = importReference();

        // then
        assertThat(report.problems()).singleElement().asString().startsWith("stats.json:");
        assertThat(report.tokensImported()).isEqualTo(5);
    }

    @Test
    void should_import_once_on_first_start_and_leave_a_marker() throws IOException {
        // given: the reference files sit in the data directory itself
        Path data = reference;

        // when
        ReferenceImport.runOnFirstStart(storage, data, CLOCK);
        storage.tokens().delete(List.of(token("basic-cooling.sig").token()));
        ReferenceImport.runOnFirstStart(storage, data, CLOCK);

        // then
        assertThat(data.resolve(ReferenceImport.MARKER)).exists();
        assertThat(Files.readString(data.resolve(ReferenceImport.MARKER))).contains("tokens: 5 imported");
        assertThat(storage.tokens().listAll()).hasSize(4);
        assertThat(storage.locks()
                        .tryAcquire("reference_import", "other", java.time.Duration.ofSeconds(1), CLOCK.instant()))
                .isPresent();
    }
}
