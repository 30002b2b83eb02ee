package dev.grok2api.server.javalin.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(SettingsSource.fixed(Settings.of(Map.of("app.trusted_proxies", List.of(proxies)))));
    }

    @Test
    void should_use_the_connection_address_when_no_proxy_is_trusted() {
        assertThat(trusting().resolve("198.51.100.9", "203.0.113.1")).isEqualTo("198.51.100.9");
    }

    @Test
    void should_take_the_right_most_untrusted_forwarded_address_behind_a_trusted_proxy() {
        ClientAddresses addresses = trusting("10.0.0.0/8", "127.0.0.1");
        // the client forged the left-most entry; the proxy chain appended the real one
        assertThat(addresses.resolve("10.1.2.3", "6.6.6.6, 203.0.113.5, 10.9.9.9"))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("127.0.0.1", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void should_ignore_forwarded_headers_from_untrusted_peers() {
        assertThat(trusting("10.0.0.0/8").resolve("198.51.100.9", "203.0.113.5"))
                .isEqualTo("198.51.100.9");
    }

    @Test
    void should_match_ipv6_ranges_and_ignore_entries_that_are_not_addresses() {
        ClientAddresses addresses = trusting("fd00::/8", "proxy.example.com", "10.0.0.0/99");
        assertThat(addresses.resolve("fd12::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(addresses.resolve("10.0.0.1", "203.0.113.5")).isEqualTo("10.0.0.1");
    }
}
