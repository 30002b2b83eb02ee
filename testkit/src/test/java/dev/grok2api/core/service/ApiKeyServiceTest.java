package dev.grok2api.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.apikey.CreatedApiKey;
import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.apikey.KeyUsage;
import dev.grok2api.core.apikey.NewApiKey;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.fixture.TestClock;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.usage.QuotaDay;
import dev.grok2api.core.usage.UsageCharge;
import dev.grok2api.testkit.fake.InMemoryApiKeyStore;
import dev.grok2api.testkit.fake.InMemoryUsageStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final MutableSettings settings = MutableSettings.defaults();
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final QuotaDay quotaDay = QuotaDay.ofOffsetMinutes(480);
    private final ApiKeyService keys =
            new ApiKeyService(store, usage, ModelCatalog.standard(), quotaDay, settings, clock, new Random(11));

    private static String code(Throwable error) {
        return ((Grok2ApiException) error).code();
    }

    @Test
    void should_generate_sk_keys_of_32_url_safe_characters_and_store_only_their_hash() {
        // when
        CreatedApiKey created = keys.create(NewApiKey.named(null));

        // then
        assertThat(created.rawKey()).matches("sk-[A-Za-z0-9_-]{32}");
        assertThat(created.key().name()).matches("key-[A-Za-z0-9_-]{8}");
        ApiKey stored = store.find(created.key().id()).orElseThrow();
        assertThat(stored.keyHash()).isEqualTo(ApiKey.hashOf(created.rawKey()));
        assertThat(stored.toString()).doesNotContain(created.rawKey());
        assertThat(stored.mask())
                .startsWith(created.rawKey().substring(0, 6))
                .endsWith(created.rawKey().substring(32));
        assertThat(created.toString()).doesNotContain(created.rawKey());
    }

    @Test
    void should_accept_custom_keys_once() {
        keys.create(NewApiKey.named("custom").withRawKey("my-own-key-1234"));
        assertThatThrownBy(() -> keys.create(NewApiKey.named("again").withRawKey("my-own-key-1234")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Key already exists");
        assertThatThrownBy(() -> keys.create(NewApiKey.named("spaces").withRawKey("has space")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void should_be_open_while_no_key_exists_and_closed_once_one_does() {
        assertThat(keys.authenticate(null)).isEqualTo(ClientIdentity.OPEN);
        assertThat(keys.authenticate("anything")).isEqualTo(ClientIdentity.OPEN);

        // when
        CreatedApiKey created = keys.create(NewApiKey.named("first"));

        // then
        assertThat(keys.authenticate(created.rawKey()).key().id())
                .isEqualTo(created.key().id());
        assertThatThrownBy(() -> keys.authenticate(null))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Missing authentication token");
        assertThatThrownBy(() -> keys.authenticate("sk-unknown")).hasMessageContaining("Invalid authentication token");
    }

    @Test
    void should_accept_the_global_key_exempt_from_quotas() {
        settings.set("app.api_key", "sk-global-key");
        assertThat(keys.authenticate("sk-global-key")).isEqualTo(ClientIdentity.GLOBAL);
        assertThatThrownBy(() -> keys.authenticate(null)).isInstanceOf(AuthenticationException.class);
        assertThat(keys.recognizes("sk-global-key")).isTrue();
        assertThat(keys.recognizes("sk-other")).isFalse();
    }

    @Test
    void should_refuse_disabled_and_expired_keys_saying_why() {
        // given
        settings.set("app.api_key", "sk-global-key");
        CreatedApiKey disabled = keys.create(NewApiKey.named("off"));
        keys.update(disabled.key().id(), ApiKeyEdit.none().withEnabled(false));
        CreatedApiKey expiring = keys.create(NewApiKey.named("soon"));
        keys.update(
                expiring.rawKey(),
                ApiKeyEdit.none().withExpiresAt(clock.instant().plus(Duration.ofHours(1))));

        // then
        assertThatThrownBy(() -> keys.authenticate(disabled.rawKey())).hasMessageContaining("disabled");
        assertThat(keys.authenticate(expiring.rawKey()).kind()).isEqualTo(ClientIdentity.Kind.MANAGED);
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> keys.authenticate(expiring.rawKey())).hasMessageContaining("expired");
        assertThat(keys.recognizes(disabled.rawKey())).isTrue();
    }

    @Test
    void should_list_usage_and_remaining_of_the_current_quota_day() {
        // given
        CreatedApiKey key = keys.create(NewApiKey.named("n").withLimits(new DailyLimits(10, -1, 4, 0)));
        LocalDate today = quotaDay.dayOf(clock.instant());
        usage.charge(key.key().id(), today, List.of(new UsageCharge(UsageBucket.CHAT, 3, 10)), clock.instant());

        // when
        ApiKeyService.Listing listing = keys.list(ApiKeyQuery.firstPage(100));

        // then
        assertThat(listing.day()).isEqualTo(today);
        KeyUsage item = listing.items().get(0);
        assertThat(item.today().chat()).isEqualTo(3);
        assertThat(item.remaining(UsageBucket.CHAT)).isEqualTo(7);
        assertThat(item.remaining(UsageBucket.HEAVY)).isNull();
        assertThat(item.remaining(UsageBucket.IMAGE)).isEqualTo(4);
        assertThat(item.remaining(UsageBucket.VIDEO)).isZero();
    }

    @Test
    void should_update_and_delete_by_id_or_by_key_and_report_unknown_keys() {
        // given
        CreatedApiKey key = keys.create(NewApiKey.named("before"));

        // when
        ApiKey renamed =
                keys.update(key.rawKey(), ApiKeyEdit.none().withName("  after ").withMaxConcurrency(2));

        // then
        assertThat(renamed.name()).isEqualTo("after");
        assertThat(renamed.maxConcurrency()).isEqualTo(2);
        assertThat(keys.update(key.key().id(), ApiKeyEdit.none().withName(" ")).name())
                .isEqualTo("after");
        keys.delete(key.key().id());
        assertThatThrownBy(() -> keys.delete(key.rawKey()))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.rawKey()));
        assertThatThrownBy(() -> keys.update(" ", ApiKeyEdit.none()))
                .extracting(ApiKeyServiceTest::code)
                .isEqualTo("missing_key");
    }

    @Test
    void should_create_and_delete_in_batches() {
        // when
        List<CreatedApiKey> created = keys.createBatch("team", 3, NewApiKey.named(null));

        // then
        assertThat(created).extracting(c -> c.key().name()).containsExactly("team-1", "team-2", "team-3");
        assertThat(created).extracting(CreatedApiKey::rawKey).doesNotHaveDuplicates();
        assertThat(keys.deleteAll(
                        List.of(created.get(0).key().id(), created.get(1).rawKey(), "unknown")))
                .isEqualTo(2);
        assertThat(keys.list(ApiKeyQuery.firstPage(10)).total()).isEqualTo(1);
        assertThatThrownBy(() -> keys.createBatch("x", 101, NewApiKey.named(null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void should_refuse_unknown_models_in_the_allow_list() {
        NewApiKey spec = new NewApiKey("m", null, true, null, null, List.of("grok-9000"), -1, -1);
        assertThatThrownBy(() -> keys.create(spec)).hasMessageContaining("grok-9000");
    }
}
