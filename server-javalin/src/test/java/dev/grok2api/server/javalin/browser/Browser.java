package dev.grok2api.server.javalin.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own ChromeDriver (never a downloaded browser), with helpers for the
 * admin pages: waiting on conditions (never on time), language and viewport switching, and screenshots saved under
 * {@code target/screenshots/} for review.
 */
final class Browser implements AutoCloseable {
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    final WebDriver driver;
    private final String baseUrl;
    private final Path profile;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        RequiresChromium.Binaries binaries = RequiresChromium.Binaries.find();
        try {
            this.profile = Files.createTempDirectory("grok2api-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries.chromium().toFile());
        // Without the background-networking switches Chromium tries Google hosts this sandbox cannot reach.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.driver().toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitForUrl(String pathSuffix) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.urlContains(pathSuffix));
    }

    void waitUntilGone(By locator) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition::apply);
    }

    WebElement find(By locator) {
        return driver.findElement(locator);
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    /** Clicks once the element is clickable, scrolled to the middle first so the sticky header cannot cover it. */
    void click(By locator) {
        WebElement element =
                new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.elementToBeClickable(locator));
        script("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    /** Sets a field's value at once (for large pastes) and lets the page see it as typed input. */
    void setValue(By locator, String value) {
        script(
                "const e = arguments[0]; e.value = arguments[1];"
                        + " e.dispatchEvent(new Event('input', {bubbles: true}));"
                        + " e.dispatchEvent(new Event('change', {bubbles: true}));",
                waitFor(locator),
                value);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Sets the UI language preference and reloads the current page. */
    void language(String code) {
        setLanguage(code);
        driver.navigate().refresh();
    }

    /** Sets the UI language preference for the pages opened next. */
    void setLanguage(String code) {
        script("localStorage.setItem('grok2api.lang', arguments[0]);", code);
    }

    /** Emulates the system's dark (or light) colour scheme, as a phone or desktop set to dark mode reports it. */
    void colorScheme(String scheme) {
        ((ChromeDriver) driver)
                .executeCdpCommand(
                        "Emulation.setEmulatedMedia",
                        java.util.Map.of(
                                "features",
                                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    void viewport(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Whether the page is wider than the window (content a phone user would have to scroll sideways to reach). */
    boolean overflowsSideways() {
        return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    }

    /** Visible text that looks like an untranslated key (the translator shows unknown keys as they are). */
    String untranslatedKeys() {
        return String.valueOf(script("const found = document.body.innerText.match("
                + "/\\b(?:common|nav|login|tokens|keys|config|cfg|cache|dc|chat|status|jobs|pager|time)\\.[a-z]+[A-Za-z.]*/g);"
                + " return (found || []).filter(k => k !== 'config.toml').join(', ');"));
    }

    /** Saves a PNG of the current page as target/screenshots/{name}.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temp profile is harmless.
            }
        }
    }
}
