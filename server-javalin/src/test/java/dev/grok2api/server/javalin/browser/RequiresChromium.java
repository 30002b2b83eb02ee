package dev.grok2api.server.javalin.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests only where Debian's Chromium and ChromeDriver are installed ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}, or {@code GROK2API_CHROMIUM}/{@code GROK2API_CHROMEDRIVER}). Without them the test
 * is skipped with a notice — or fails when {@code CI=true} ({@code .ci/run} installs both). Tests never download a
 * browser.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RequiresChromium.Condition.class)
@interface RequiresChromium {

    /** The paths of the browser and its driver. */
    record Binaries(Path chromium, Path driver) {
        static Binaries find() {
            return new Binaries(
                    Path.of(env("GROK2API_CHROMIUM", "/usr/bin/chromium")),
                    Path.of(env("GROK2API_CHROMEDRIVER", "/usr/bin/chromedriver")));
        }

        boolean present() {
            return Files.isExecutable(chromium) && Files.isExecutable(driver);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Binaries binaries = Binaries.find();
            if (binaries.present()) {
                return ConditionEvaluationResult.enabled("Chromium found at " + binaries.chromium());
            }
            String what = "Chromium (" + binaries.chromium() + ") and ChromeDriver (" + binaries.driver() + ")";
            if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
                throw new IllegalStateException(context.getDisplayName() + " needs " + what
                        + " while CI=true: apt-get install chromium chromium-driver (.ci/run does it).");
            }
            String reason = "SKIPPED " + context.getDisplayName() + ": " + what
                    + " not installed (apt-get install chromium chromium-driver)";
            System.err.println("[grok2api-tests] " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
