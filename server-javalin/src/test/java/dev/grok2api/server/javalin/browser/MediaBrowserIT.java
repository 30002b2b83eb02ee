package dev.grok2api.server.javalin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The playground's images, video and attachments, and the cache page, in headless Chromium against the real server
 * and a mocked Grok (whose "images" are short text files: the pages show them as links to the cached files).
 */
@RequiresChromium
class MediaBrowserIT extends PanelTest {
    /** The smallest valid PNG: one transparent pixel. */
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @BeforeAll
    static void start() {
        panel.addTokens("media", 2, "eyJ.media-");
        panel.admin("POST", "/api/v1/admin/config", "{\"app\":{\"app_url\":\"\"}}");
    }

    /** Opens the admin playground with a fresh playground key. */
    private static void openPlayground() {
        panel.open("/admin/chat");
        browser.click(By.id("create-key"));
        browser.waitForText(By.id("connection-status"), "Connected");
    }

    private static List<String> resultLinks() {
        return browser.all(By.cssSelector("#image-results a[download]")).stream()
                .map(link -> link.getAttribute("href"))
                .toList();
    }

    @Test
    void should_generate_two_images_with_progress_in_the_playground() {
        // given
        panel.grok.enqueueChat(GrokReply.images("pg-1", "pg-2"));
        openPlayground();
        browser.click(By.id("tab-image"));

        // when
        browser.setValue(By.id("image-prompt"), "a red fox in the snow");
        browser.setValue(By.id("image-n"), "2");
        browser.click(By.id("image-stream"));
        browser.click(By.id("image-go"));

        // then
        browser.waitUntil(d -> resultLinks().size() == 2);
        assertThat(resultLinks()).allMatch(href -> href.contains("/v1/files/image/users-mock-user-generated-pg-"));
        assertThat(browser.text(By.id("image-method"))).contains("legacy");
        browser.screenshot("chat-images-result-en-desktop");
    }

    @Test
    void should_generate_continuously_over_the_imagine_websocket_until_stopped() {
        // given
        panel.grok.imagineFrames("imagine-rounds.jsonl");
        openPlayground();
        browser.click(By.id("tab-image"));
        browser.click(By.id("image-clear"));

        // when
        browser.setValue(By.id("image-prompt"), "waves");
        browser.find(By.id("image-mode")).sendKeys("Continuously");
        browser.click(By.id("image-go"));
        browser.waitUntil(
                d -> browser.all(By.cssSelector("#image-results .tile")).size() >= 2);
        browser.click(By.id("image-stop"));

        // then
        browser.waitUntil(d -> browser.find(By.id("image-go")).isEnabled());
        assertThat(browser.text(By.id("imagine-metrics"))).contains("Images:").doesNotContain("Last error");
        assertThat(browser.find(By.id("image-stop")).isDisplayed()).isFalse();
    }

    @Test
    void should_show_a_generated_video() {
        // given
        panel.grok.enqueueChat(GrokReply.video(
                "vid-1",
                "users/mock-user/generated/vid-1/generated_video.mp4",
                "users/mock-user/generated/vid-1/thumbnail.jpg"));
        openPlayground();
        browser.click(By.id("tab-video"));

        // when
        browser.setValue(By.id("video-prompt"), "a cat surfing");
        browser.click(By.id("video-go"));

        // then
        WebElement video = browser.waitFor(By.cssSelector("#video-results video"));
        assertThat(video.getAttribute("src")).contains("/v1/files/video/");
        assertThat(browser.text(By.id("video-progress"))).contains("Done.");
        browser.screenshot("chat-video-result-en-desktop");
    }

    @Test
    void should_send_an_attached_image_with_a_chat_message() throws IOException {
        // given
        Path picture = Files.createTempFile(dataDir, "pixel", ".png");
        Files.write(picture, PIXEL);
        panel.grok.enqueueChat(GrokReply.text("A single", " pixel."));
        openPlayground();

        // when
        browser.find(By.id("attach")).sendKeys(picture.toString());
        browser.waitFor(By.cssSelector("#attachments .attachment img"));
        browser.find(By.id("prompt")).sendKeys("What is this?", Keys.ENTER);

        // then
        browser.waitForText(By.cssSelector(".message.assistant .answer"), "A single pixel.");
        assertThat(browser.all(By.cssSelector(".message.user .attachments img")))
                .hasSize(1);
        assertThat(panel.grok.requestsTo("/rest/app-chat/upload-file")).isNotEmpty();
    }

    @Test
    void should_preview_delete_and_clear_cached_images_on_the_cache_page() {
        // given: two cached images
        panel.grok.enqueueChat(GrokReply.images("cache-1", "cache-2"));
        String key = panel.createKey("cache-client");
        HttpResponse<String> generated = panel.send(
                "POST", "/v1/images/generations", "{\"prompt\":\"two cats\",\"n\":2,\"response_format\":\"url\"}", key);
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        panel.open("/admin/cache");
        browser.waitUntil(d -> browser.all(By.cssSelector("#gallery .tile")).size() >= 2);
        int before = browser.all(By.cssSelector("#gallery .tile")).size();
        browser.screenshot("cache-images-en-desktop");

        // when: preview one and delete it from the preview
        browser.click(By.cssSelector("#gallery .tile .thumb"));
        browser.click(By.cssSelector("dialog[open] button[value='delete']"));
        browser.click(By.cssSelector("dialog[open] button[value='ok']"));

        // then
        browser.waitUntil(d -> browser.all(By.cssSelector("#gallery .tile")).size() == before - 1);
        assertThat(browser.text(By.id("image-count"))).isEqualTo(String.valueOf(before - 1));

        // when: clear every image
        browser.click(By.id("clear-type"));
        browser.click(By.cssSelector("dialog[open] button[value='ok']"));

        // then
        browser.waitFor(By.id("local-empty"));
        browser.waitForText(By.id("image-count"), "0");
        assertThat(browser.all(By.cssSelector("#gallery .tile"))).isEmpty();
    }

    @Test
    void should_count_and_clear_the_assets_stored_online_as_jobs() {
        // given
        panel.grok.onlineAssets(List.of("asset-1", "asset-2", "asset-3"));
        panel.open("/admin/cache");
        browser.click(By.id("card-online"));
        browser.waitFor(By.cssSelector("#accounts tr td.mono"));

        // when
        browser.click(By.id("count-online"));

        // then
        browser.waitForText(By.id("online-status"), "Accounts counted");
        assertThat(browser.text(By.id("accounts"))).contains("3");

        // when: clear the first account
        browser.click(By.cssSelector("#accounts tr:first-child input[type=checkbox]"));
        browser.click(By.id("clear-online"));
        browser.click(By.cssSelector("dialog[open] button[value='ok']"));

        // then
        browser.waitForText(By.id("job-status"), "Completed");
        assertThat(panel.grok.onlineAssets()).isEmpty();
        browser.screenshot("cache-online-en-desktop");
    }

    @Test
    void should_page_the_accounts_of_the_online_view_on_the_server() {
        // given: 60 more accounts (removed afterwards, so the other tests see the class's two)
        panel.addTokens("paged", 60, "eyJ.paged-");
        try {
            panel.open("/admin/cache");
            browser.click(By.id("card-online"));
            browser.waitForText(By.id("accounts-pager"), "1–50 of 62");

            // when
            browser.click(By.cssSelector("#accounts-pager button[aria-label='Next page']"));

            // then
            browser.waitForText(By.id("accounts-pager"), "51–62 of 62");
            assertThat(browser.all(By.cssSelector("#accounts tr td.mono"))).hasSize(12);
            Object asked = browser.script("return performance.getEntriesByType('resource').map(e => e.name)"
                    + ".filter(n => n.includes('/api/v1/admin/cache?')).join(' ')");
            assertThat((String) asked).contains("page=2&page_size=50");
        } finally {
            StringBuilder tokens = new StringBuilder("{\"tokens\":[");
            for (int i = 0; i < 60; i++) {
                tokens.append(i == 0 ? "\"" : ",\"")
                        .append("eyJ.paged-")
                        .append(i)
                        .append(".sig\"");
            }
            panel.admin(
                    "POST", "/api/v1/admin/tokens/delete", tokens.append("]}").toString());
        }
    }
}
