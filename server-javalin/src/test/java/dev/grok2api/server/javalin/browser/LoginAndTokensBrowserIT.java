package dev.grok2api.server.javalin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.server.javalin.Grok2ApiServer;
import dev.grok2api.server.javalin.config.ServerOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Signs in through the real login page in headless Chromium and manages tokens on the token page. */
@RequiresChromium
class LoginAndTokensBrowserIT {
    @TempDir
    Path dataDir;

    private Grok2ApiServer server;
    private Browser browser;

    @BeforeEach
    void start() {
        server = Grok2ApiServer.start(ServerOptions.forTests(dataDir));
        browser = new Browser(server.localUrl());
    }

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            server.close();
        }
    }

    private void signIn(String password) {
        browser.open("/login");
        browser.waitFor(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Test
    void should_show_the_error_and_stay_on_the_login_page_when_the_password_is_wrong() {
        browser.open("/login");
        browser.language("en");
        signIn("wrong");
        browser.waitForText(By.id("error"), "Invalid username or password");
        assertThat(browser.driver.getCurrentUrl()).contains("/login");
        assertThat(browser.script("return sessionStorage.getItem('grok2api.session')"))
                .isNull();
    }

    @Test
    void should_sign_in_add_a_token_and_keep_only_the_session_token_in_the_browser() {
        // given
        browser.open("/login");
        browser.language("en");
        browser.screenshot("login-en-desktop");

        // when
        signIn("admin");
        browser.waitForUrl("/admin/token");
        browser.waitFor(By.id("tokens")).sendKeys("sso=eyJhbGciOiJIUzI1NiJ9.browser-token.sig");
        browser.driver.findElement(By.id("add")).click();

        // then
        browser.waitForText(By.id("rows"), "eyJhbG…");
        assertThat(browser.driver.findElement(By.id("storage-badge")).getText()).isNotBlank();
        Object stored = browser.script("return JSON.stringify(Object.assign({}, localStorage, sessionStorage))");
        assertThat(String.valueOf(stored)).doesNotContain("\"admin\"").contains("grok2api.session");
        browser.screenshot("tokens-en-desktop");
        browser.viewport(Browser.PHONE);
        browser.screenshot("tokens-en-phone");
    }

    @Test
    void should_render_every_label_in_chinese_when_chinese_is_chosen() {
        browser.open("/login");
        browser.language("zh-CN");
        browser.waitForText(By.cssSelector("button[type=submit]"), "登录");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
        browser.screenshot("login-zh-desktop");
        signIn("admin");
        browser.waitForUrl("/admin/token");
        browser.waitForText(By.cssSelector("h1"), "Token 管理");
        browser.screenshot("tokens-zh-desktop");
        browser.viewport(Browser.PHONE);
        browser.screenshot("tokens-zh-phone");
    }
}
