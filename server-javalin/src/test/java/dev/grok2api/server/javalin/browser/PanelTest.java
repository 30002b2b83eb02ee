package dev.grok2api.server.javalin.browser;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link PanelHarness} (server, mocked Grok, headless Chromium) for a whole browser test class: starting Chromium
 * is the slow part, so the tests of a class share it. Subclasses carry {@link RequiresChromium} themselves.
 */
abstract class PanelTest {
    @TempDir
    static Path dataDir;

    static PanelHarness panel;
    static Browser browser;

    @BeforeAll
    static void startPanel() {
        panel = PanelHarness.start(dataDir);
        browser = panel.browser;
    }

    @AfterAll
    static void stopPanel() {
        panel.close();
    }
}
