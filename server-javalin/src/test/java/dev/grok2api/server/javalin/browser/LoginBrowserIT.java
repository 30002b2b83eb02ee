package dev.grok2api.server.javalin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Signing in and out through the real pages in headless Chromium: only the session token is kept in the browser, it
 * goes on logout or when the server ends the session, and the login page brings the user back to where they were.
 */
@RequiresChromium
class LoginBrowserIT extends PanelTest {
    @BeforeEach
    void signedOut() {
        browser.open("/login");
        browser.script("sessionStorage.clear(); localStorage.setItem('grok2api.lang', 'en');");
    }

    private void signIn(String password) {
        browser.open("/login");
        browser.waitFor(By.id("password")).sendKeys(password);
        browser.click(By.cssSelector("button[type=submit]"));
    }

    @Test
    void should_show_the_error_and_stay_on_the_login_page_when_the_password_is_wrong() {
        // when
        signIn("wrong");

        // then
        browser.waitForText(By.id("error"), "Invalid username or password");
        assertThat(browser.driver.getCurrentUrl()).contains("/login");
        assertThat(browser.script("return sessionStorage.getItem('grok2api.session')"))
                .isNull();
    }

    @Test
    void should_keep_only_the_session_token_in_the_browser_and_drop_it_on_logout() {
        // when
        signIn("admin");
        browser.waitForUrl("/admin/token");
        browser.waitFor(By.cssSelector("#pager .pager-range"));

        // then
        assertThat(browser.text(By.id("storage-badge"))).isEqualTo("LOCAL");
        Object stored = browser.script("return JSON.stringify(Object.assign({}, localStorage, sessionStorage))");
        assertThat(String.valueOf(stored)).doesNotContain("\"admin\"").contains("grok2api.session");

        // when
        browser.click(By.id("logout"));
        browser.waitForUrl("/login");

        // then
        assertThat(browser.script("return sessionStorage.getItem('grok2api.session')"))
                .isNull();
    }

    @Test
    void should_return_to_the_page_asked_for_after_the_server_ended_the_session() {
        // given
        signIn("admin");
        browser.waitForUrl("/admin/token");
        // Leave the token page first: its own calls would meet the revoked session and race this navigation.
        browser.open("/health");
        panel.admin("POST", "/api/v1/admin/sessions/revoke", null);

        // when
        browser.open("/admin/keys");
        browser.waitForUrl("/login?next=%2Fadmin%2Fkeys");
        assertThat(browser.script("return sessionStorage.getItem('grok2api.session')"))
                .isNull();
        browser.waitFor(By.id("password")).sendKeys("admin");
        browser.click(By.cssSelector("button[type=submit]"));

        // then
        browser.waitForUrl("/admin/keys");
        browser.waitFor(By.cssSelector("#pager .pager-range"));
    }

    @Test
    void should_render_the_login_page_in_both_languages_at_desktop_and_phone_width() {
        for (String language : List.of("en", "zh-CN")) {
            // when
            browser.viewport(Browser.DESKTOP);
            browser.language(language);
            browser.waitForText(By.cssSelector("button[type=submit]"), language.equals("en") ? "Sign in" : "登录");
            String name = "login-" + (language.equals("en") ? "en" : "zh");
            browser.screenshot(name + "-desktop");
            browser.viewport(Browser.PHONE);
            browser.waitUntil(d -> (Boolean) browser.script("return window.innerWidth < 500;"));

            // then
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo(language);
            assertThat(browser.untranslatedKeys()).isEmpty();
            assertThat(browser.overflowsSideways()).isFalse();
            browser.screenshot(name + "-phone");
        }
        browser.viewport(Browser.DESKTOP);
    }
}
