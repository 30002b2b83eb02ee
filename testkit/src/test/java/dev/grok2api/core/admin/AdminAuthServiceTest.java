package dev.grok2api.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.RateLimitException;
import dev.grok2api.core.fixture.TestClock;
import dev.grok2api.core.service.AdminAuthService;
import dev.grok2api.testkit.fake.InMemoryConfigStore;
import dev.grok2api.testkit.fake.InMemorySessionStore;
import dev.grok2api.testkit.fake.MutableSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdminAuthServiceTest {
    private static final String CLIENT = "203.0.113.7";

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final MutableSettings settings = MutableSettings.defaults();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final PasswordHasher hasher = new PasswordHasher(1_000, new Random(3));

    private AdminAuthService service(String passwordOverride) {
        return new AdminAuthService(
                sessions,
                new AdminPasswords(store, settings, passwordOverride, hasher),
                new LoginThrottle(clock),
                settings,
                clock,
                new Random(5));
    }

    private final AdminAuthService auth = service(null);

    @Test
    void should_open_a_session_that_lasts_the_configured_hours() {
        // given
        settings.set("app.session_ttl_hours", 2L);

        // when
        String token = auth.login("admin", "admin", CLIENT);

        // then
        assertThat(auth.authenticate(token).expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> auth.authenticate(token))
                .isInstanceOf(AuthenticationException.class)
                .extracting(e -> ((AuthenticationException) e).code())
                .isEqualTo("session_expired");
    }

    @Test
    void should_reject_wrong_credentials_and_missing_sessions() {
        assertThatThrownBy(() -> auth.login("admin", "wrong", CLIENT))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid username or password");
        assertThatThrownBy(() -> auth.login("root", "admin", CLIENT)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticate(null))
                .extracting(e -> ((AuthenticationException) e).code())
                .isEqualTo("missing_session");
        assertThatThrownBy(() -> auth.login("admin", "", CLIENT)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void should_throttle_an_address_after_repeated_failures_until_the_window_passes() {
        // given
        settings.set("app.login_max_failures", 3L).set("app.login_lockout_seconds", 60L);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> auth.login("admin", "guess", CLIENT)).isInstanceOf(AuthenticationException.class);
            clock.advance(Duration.ofSeconds(10));
        }

        // when: even the right password is refused from that address
        RateLimitException throttled = (RateLimitException)
                org.assertj.core.api.Assertions.catchThrowable(() -> auth.login("admin", "admin", CLIENT));

        // then
        assertThat(throttled.code()).isEqualTo("login_throttled");
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(auth.login("admin", "admin", "198.51.100.1")).isNotBlank();
        clock.advance(Duration.ofSeconds(31));
        assertThat(auth.login("admin", "admin", CLIENT)).isNotBlank();
    }

    @Test
    void should_end_sessions_on_logout_and_on_revoke_all() {
        // given
        String first = auth.login("admin", "admin", CLIENT);
        String second = auth.login("admin", "admin", CLIENT);

        // when
        assertThat(auth.logout(first)).isTrue();

        // then
        assertThat(auth.isSession(first)).isFalse();
        assertThat(auth.isSession(second)).isTrue();
        assertThat(auth.revokeAll()).isEqualTo(1);
        assertThat(auth.isSession(second)).isFalse();
    }

    @Test
    void should_change_the_password_to_a_salted_hash_and_end_every_other_session() {
        // given
        String old = auth.login("admin", "admin", CLIENT);

        // when
        String fresh = auth.changePassword("admin", "correct horse", CLIENT);

        // then
        assertThat(auth.isSession(old)).isFalse();
        assertThat(auth.isSession(fresh)).isTrue();
        assertThat(store.load().get(AdminPasswords.HASH_KEY).toString())
                .startsWith("pbkdf2-sha256$")
                .doesNotContain("correct horse");
        assertThatThrownBy(() -> auth.login("admin", "admin", CLIENT)).isInstanceOf(AuthenticationException.class);
        assertThat(auth.login("admin", "correct horse", CLIENT)).isNotBlank();
        assertThat(new AdminPasswords(store, settings, null, hasher).isDefault())
                .isFalse();
    }

    @Test
    void should_refuse_a_wrong_current_password_and_a_short_new_one() {
        assertThatThrownBy(() -> auth.changePassword("nope", "long enough", CLIENT))
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("wrong_password");
        assertThatThrownBy(() -> auth.changePassword("admin", "short", CLIENT))
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("password_too_short");
    }

    @Test
    void should_leave_a_password_set_by_the_environment_alone() {
        // given
        settings.set("app.app_key", "from-env-123");
        AdminAuthService fromEnv = service("GROK2API_APP_APP_KEY");
        store.merge(java.util.Map.of(AdminPasswords.HASH_KEY, hasher.hash("stored-password")));

        // then: the environment wins over a stored hash, and cannot be changed here
        assertThat(fromEnv.login("admin", "from-env-123", CLIENT)).isNotBlank();
        assertThatThrownBy(() -> fromEnv.changePassword("from-env-123", "another one", CLIENT))
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("password_from_environment");
    }

    @Test
    void should_report_the_default_password() {
        assertThat(new AdminPasswords(store, settings, null, hasher).isDefault())
                .isTrue();
        settings.set("app.app_key", "something-else");
        assertThat(new AdminPasswords(store, settings, null, hasher).isDefault())
                .isFalse();
    }
}
