package dev.grok2api.grok.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.port.AttachmentFetcher;
import dev.grok2api.grok.client.internal.AddressGuard;
import dev.grok2api.testkit.grok.MockGrokServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remote attachments: fetched plainly, and refused with a 400 whenever they could reach something internal. */
class OkHttpAttachmentFetcherTest {
    private final MockGrokServer host = MockGrokServer.start();

    @AfterEach
    void stop() {
        host.close();
    }

    private AttachmentFetcher fetcher(Map<String, Object> overrides) {
        return new OkHttpAttachmentFetcher(TestSettings.source(host.baseUrl(), overrides), new OkHttpClient());
    }

    @Test
    void should_refuse_loopback_private_link_local_and_metadata_addresses_by_default() {
        for (String url : List.of(
                host.baseUrl() + "/users/u/a.jpg",
                "http://10.1.2.3/a.jpg",
                "http://192.168.0.10/a.jpg",
                "http://172.16.5.4/a.jpg",
                "http://100.64.0.1/a.jpg",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/a.jpg",
                "http://[fd00:ec2::254]/a.jpg",
                "http://0.0.0.0/a.jpg",
                "http://localhost:" + URI.create(host.baseUrl()).getPort() + "/a.jpg")) {
            assertThatThrownBy(() -> fetcher(Map.of()).fetch(URI.create(url), true))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid_attachment");
                        assertThat(e.publicMessage()).contains("private or local address");
                    });
        }
        assertThat(host.requests()).isEmpty();
    }

    @Test
    void should_refuse_schemes_other_than_http_and_https() {
        assertThatThrownBy(() -> fetcher(Map.of()).fetch(URI.create("file:///etc/passwd"), false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only http and https");
    }

    @Test
    void should_fetch_when_private_addresses_are_allowed_and_name_the_file_by_its_last_segment() {
        // when
        AttachmentFetcher.Fetched fetched = fetcher(Map.of("grok.allow_private_attachment_urls", true))
                .fetch(URI.create(host.baseUrl() + "/users/u/generated/i/cat.jpg?x=1"), true);

        // then
        assertThat(fetched.fileName()).isEqualTo("cat.jpg");
        assertThat(fetched.mimeType()).isEqualTo("image/jpeg");
        assertThat(new String(fetched.content(), StandardCharsets.UTF_8))
                .isEqualTo("mock-asset:/users/u/generated/i/cat.jpg");
        assertThat(host.requests().get(0).header("Cookie")).isNull();
    }

    @Test
    void should_refuse_bodies_over_the_size_cap_wrong_content_types_and_error_statuses() {
        AttachmentFetcher allowed = fetcher(Map.of("grok.allow_private_attachment_urls", true));
        AttachmentFetcher tiny =
                fetcher(Map.of("grok.allow_private_attachment_urls", true, "grok.attachment_max_mb", 0.00001));
        assertThatThrownBy(() -> tiny.fetch(URI.create(host.baseUrl() + "/users/u/big.jpg"), true))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> allowed.fetch(URI.create(host.baseUrl() + "/users/u/clip.mp4"), true))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'video/mp4', not an image");
        assertThatThrownBy(() -> allowed.fetch(URI.create(host.baseUrl() + "/users/missing.jpg"), false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void should_classify_addresses() throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName("93.184.216.34")))
                .isTrue();
        assertThat(AddressGuard.isPublic(InetAddress.getByName("2606:4700::1111")))
                .isTrue();
        for (String address : List.of(
                "127.0.0.1",
                "10.0.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.127.0.1",
                "198.18.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "::1",
                "fe80::1",
                "fc00::1",
                "::ffff:127.0.0.1")) {
            assertThat(AddressGuard.isPublic(InetAddress.getByName(address)))
                    .as(address)
                    .isFalse();
        }
    }
}
