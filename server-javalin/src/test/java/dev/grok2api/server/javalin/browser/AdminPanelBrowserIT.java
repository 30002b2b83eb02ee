package dev.grok2api.server.javalin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.GrokReply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin panel in headless Chromium against the real server and a mocked Grok: tokens (import, filter, page, edit,
 * a refresh job), keys, settings, the data center and the playground. One server and one browser serve the whole
 * class; each test arranges what it needs through the admin API and drives only the UI it is about.
 */
@RequiresChromium
class AdminPanelBrowserIT extends PanelTest {
    private static By button(String value) {
        return By.cssSelector("dialog[open] button[value='" + value + "']");
    }

    @Test
    void should_import_1000_tokens_then_filter_page_and_edit_a_note() {
        // given
        String pasted = IntStream.range(0, 1000)
                        .mapToObj(i -> "sso=eyJ.bulk-" + i + ".sig")
                        .collect(Collectors.joining("\n"))
                + "\neyJ.bulk-7.sig\n";
        panel.open("/admin/token");
        browser.click(By.id("open-import"));

        // when: preview, then import
        browser.setValue(By.id("import-text"), pasted);
        browser.click(By.cssSelector("#import-settings"));
        browser.click(button("preview"));
        browser.waitForText(By.id("import-result"), "New: 1,000");
        String preview = browser.text(By.id("import-result"));
        browser.screenshot("tokens-import-preview-en-desktop");
        browser.click(button("import"));
        browser.waitForText(By.id("import-result"), "imported:");
        browser.find(By.id("import-text")).sendKeys(Keys.ESCAPE);
        browser.waitUntilGone(By.cssSelector("dialog[open]"));

        // then
        assertThat(preview).contains("nothing saved yet").contains("duplicates in the input: 1");
        assertThat(browser.text(By.id("stats"))).contains("Tokens");

        // when: search, narrow the search, then widen it again and move to page 2
        browser.find(By.id("q")).sendKeys("bulk-");
        browser.waitForText(By.id("pager"), "1–50 of 1,000");
        browser.find(By.id("q")).sendKeys("99");
        browser.waitForText(By.id("pager"), "1–11 of 11");
        List<String> found = browser.all(By.cssSelector("#rows tr")).stream()
                .map(WebElement::getText)
                .toList();
        browser.setValue(By.id("q"), "bulk-");
        browser.waitForText(By.id("pager"), "1–50 of 1,000");
        browser.click(By.cssSelector("#pager button[aria-label='Next page']"));
        browser.waitForText(By.id("pager"), "51–100 of 1,000");

        // then
        assertThat(found).hasSize(11);
        assertThat(browser.driver.getCurrentUrl()).contains("page=2");

        // when: edit the note of the first row on page 2
        browser.click(By.cssSelector("#rows tr:first-child td.actions button"));
        browser.setValue(By.id("edit-note"), "checked by the browser test");
        browser.click(button("save"));
        browser.waitUntilGone(By.cssSelector("dialog[open]"));

        // then
        browser.waitForText(By.cssSelector("#rows tr:first-child .note-cell"), "checked by the browser test");
        assertThat(browser.text(By.id("pager"))).contains("51–100 of 1,000");
    }

    @Test
    void should_run_a_refresh_job_to_completion_showing_its_progress() {
        // given
        panel.addTokens("job", 300, "eyJ.job-");
        panel.open("/admin/token?tag=job");
        browser.waitForText(By.id("pager"), "of 300");
        browser.script("window.progressSeen = [];"
                + " new MutationObserver(() => { const bar = document.querySelector('#job .progress');"
                + "   if (bar) window.progressSeen.push(Number(bar.getAttribute('aria-valuenow'))); })"
                + " .observe(document.getElementById('job'), {subtree: true, childList: true, attributes: true});");

        // when
        browser.click(By.cssSelector("#bulk-menu summary"));
        browser.click(By.id("refresh-filtered"));
        browser.click(button("ok"));

        // then
        browser.waitForText(By.id("job-status"), "Completed");
        assertThat(browser.text(By.id("job-counts")))
                .contains("300 of 300 done")
                .contains("300 succeeded");
        assertThat(browser.find(By.cssSelector("#job .progress")).getAttribute("aria-valuenow"))
                .isEqualTo("100");
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) browser.script("return window.progressSeen;");
        assertThat(seen.stream().map(Number::intValue).distinct()).hasSizeGreaterThan(1);
        browser.click(By.id("job-dismiss"));
        browser.waitUntilGone(By.id("job-counts"));
    }

    @Test
    void should_create_a_key_show_it_once_and_only_masked_afterwards() {
        // given
        panel.open("/admin/keys");
        browser.click(By.id("open-create"));

        // when
        browser.setValue(By.id("key-name"), "browser-key");
        browser.click(By.xpath("//dialog//button[normalize-space()='Recommended']"));
        browser.click(button("create"));
        String key = browser.waitFor(By.id("created-key")).getText();
        browser.screenshot("keys-created-en-desktop");
        browser.click(button("ok"));
        browser.waitUntilGone(By.cssSelector("dialog[open]"));

        // then
        assertThat(key).startsWith("sk-").hasSizeGreaterThan(20);
        browser.waitForText(By.id("rows"), "browser-key");
        WebElement row = browser.find(By.xpath("//tbody[@id='rows']/tr[.//strong[text()='browser-key']]"));
        assertThat(row.findElement(By.cssSelector(".masked-key")).getText())
                .isEqualTo(key.substring(0, 6) + "…" + key.substring(key.length() - 4));
        assertThat(row.getText()).contains("0 / 300").doesNotContain(key);
        assertThat(browser.driver.getPageSource()).doesNotContain(key);

        // when: edit its chat limit
        row.findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
        browser.setValue(By.id("limit-chat"), "5");
        browser.click(button("save"));
        browser.waitUntilGone(By.cssSelector("dialog[open]"));

        // then
        browser.waitForText(By.xpath("//tbody[@id='rows']/tr[.//strong[text()='browser-key']]"), "0 / 5");
    }

    @Test
    void should_apply_a_changed_setting_and_explain_invalid_values() {
        // given
        assertThat(panel.send("GET", "/chat", null, null).statusCode()).isEqualTo(404);
        panel.open("/admin/config");
        By publicChat = By.cssSelector("[data-key='app.public_chat'] input");
        By maxRetry = By.cssSelector("[data-key='grok.max_retry'] input");

        // when: an invalid value first
        browser.setValue(maxRetry, "-1");
        browser.click(By.id("save"));

        // then
        browser.waitForText(By.cssSelector("[data-key='grok.max_retry'] .error"), "Enter 0 or more.");

        // when
        browser.setValue(maxRetry, "3");
        browser.click(publicChat);
        browser.waitForText(By.id("changes-count"), "Unsaved changes: 1");
        browser.click(By.id("save"));

        // then
        browser.waitForText(By.cssSelector(".toasts"), "Settings saved: 1.");
        HttpResponse<String> page = panel.send("GET", "/chat", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/static/pages/chat.js");
        browser.waitForText(By.cssSelector("[data-key='app.public_chat'] .setting-label"), "changed");
        assertThat(browser.find(By.cssSelector("[data-key='grok.base_url'] input"))
                        .isEnabled())
                .as("a value set outside the store is read-only")
                .isFalse();
        assertThat(browser.text(By.cssSelector("[data-key='grok.base_url'] .setting-label")))
                .contains("from");
    }

    @Test
    void should_show_the_data_center_charts_and_the_request_log() {
        // given: one answered request
        panel.addTokens("dc", 1, "eyJ.dc-");
        String key = panel.createKey("dc-client");
        panel.grok.enqueueChat(GrokReply.text("Hello", " there"));
        HttpResponse<String> chat = panel.send(
                "POST",
                "/v1/chat/completions",
                "{\"model\":\"grok-3\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                key);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

        // when
        panel.open("/admin/datacenter");

        // then
        browser.waitFor(By.cssSelector("#chart-hourly svg.chart polyline"));
        browser.waitFor(By.cssSelector("#chart-daily svg.chart rect.bar"));
        browser.waitFor(By.cssSelector("#chart-models svg.donut"));
        browser.waitForText(By.id("log-rows"), "dc-client");
        assertThat(browser.text(By.id("log-rows"))).contains("grok-3").contains("200");
        assertThat(browser.text(By.id("request-stats"))).contains("Success rate");
        assertThat(browser.find(By.cssSelector("#chart-models .donut-legend")).getText())
                .contains("grok-3");
    }

    @Test
    void should_stream_a_chat_answer_with_the_reasoning_apart_from_it() {
        // given
        panel.addTokens("chat", 1, "eyJ.chat-");
        panel.grok.enqueueChat(
                GrokReply.thinking(List.of("Let me think", " about it."), List.of("The answer", " is 42.")));
        panel.open("/admin/chat");

        // when: the admin makes a playground key, then asks
        browser.click(By.id("create-key"));
        browser.waitForText(By.id("connection-status"), "Connected");
        browser.find(By.id("prompt")).sendKeys("What is the answer?", Keys.ENTER);

        // then
        By answer = By.cssSelector(".message.assistant .answer");
        browser.waitForText(answer, "The answer is 42.");
        browser.waitUntil(d -> !browser.text(By.id("send")).isEmpty()
                && browser.find(By.id("send")).isEnabled());
        WebElement reasoning = browser.find(By.cssSelector(".message.assistant details.reasoning"));
        assertThat(browser.text(answer)).isEqualTo("The answer is 42.");
        assertThat(reasoning.getAttribute("open")).isNull();
        reasoning.findElement(By.tagName("summary")).click();
        assertThat(reasoning.findElement(By.cssSelector(".reasoning-text")).getText())
                .isEqualTo("Let me think about it.");
        assertThat(browser.text(By.cssSelector(".message.user"))).contains("What is the answer?");
        assertThat(browser.script("return sessionStorage.getItem('grok2api.clientKey')"))
                .asString()
                .startsWith("sk-");
    }

    /** Each page, the condition that tells it has loaded its data. */
    private static final List<String[]> PAGES = List.of(
            new String[] {"tokens", "/admin/token", "#pager .pager-range"},
            new String[] {"keys", "/admin/keys", "#pager .pager-range"},
            new String[] {"config", "/admin/config", "#sections .setting"},
            new String[] {"cache", "/admin/cache", "#local-title:not(:empty)"},
            new String[] {"datacenter", "/admin/datacenter", "#chart-models > *"},
            new String[] {"chat-admin", "/admin/chat", "#connection-status:not(:empty)"},
            new String[] {"chat-public", "/chat", "#connection-status:not(:empty)"});

    @Test
    void should_render_every_page_in_both_languages_at_desktop_and_phone_width() {
        // given
        panel.admin("POST", "/api/v1/admin/config", "{\"app\":{\"public_chat\":true}}");
        panel.signIn();

        for (String language : List.of("en", "zh-CN")) {
            browser.setLanguage(language);
            for (String[] page : PAGES) {
                // when
                browser.viewport(Browser.DESKTOP);
                browser.open(page[1]);
                browser.waitFor(By.cssSelector(page[2]));
                String name = page[0] + "-" + (language.equals("en") ? "en" : "zh");
                browser.screenshot(name + "-desktop");
                browser.viewport(Browser.PHONE);
                browser.waitUntil(d -> (Boolean) browser.script("return window.innerWidth < 500;"));

                // then
                assertThat(browser.script("return document.documentElement.lang"))
                        .isEqualTo(language);
                assertThat(browser.untranslatedKeys()).as(name).isEmpty();
                assertThat(browser.overflowsSideways())
                        .as(name + " at phone width")
                        .isFalse();
                browser.screenshot(name + "-phone");
            }
            String suffix = language.equals("en") ? "en" : "zh";
            browser.open("/admin/token");
            browser.click(By.cssSelector(".menu-toggle"));
            browser.waitFor(By.id("logout-menu"));
            browser.screenshot("nav-drawer-" + suffix + "-phone");
            browser.viewport(Browser.DESKTOP);
            browser.open("/admin/chat");
            browser.click(By.id("tab-image"));
            browser.waitFor(By.id("image-prompt"));
            browser.screenshot("chat-images-" + suffix + "-desktop");
            browser.click(By.id("tab-video"));
            browser.waitFor(By.id("video-prompt"));
            browser.screenshot("chat-video-" + suffix + "-desktop");
        }
        browser.viewport(Browser.DESKTOP);
        browser.setLanguage("en");
    }

    @Test
    void should_follow_the_system_dark_mode() {
        // given
        panel.open("/admin/datacenter");
        browser.waitFor(By.cssSelector("#chart-models > *"));

        // when
        browser.colorScheme("dark");

        // then
        try {
            Object background = browser.script("return getComputedStyle(document.body).backgroundColor;");
            assertThat(background).isEqualTo("rgb(15, 17, 21)");
            browser.screenshot("datacenter-en-desktop-dark");
            browser.open("/admin/token");
            browser.waitFor(By.cssSelector("#pager .pager-range"));
            browser.screenshot("tokens-en-desktop-dark");
        } finally {
            browser.colorScheme("light");
        }
    }
}
