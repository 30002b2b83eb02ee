package dev.grok2api.server.javalin.e2e;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs tests that drive the server with Node.js tools ({@code node} and {@code npm} on the {@code PATH}). Without
 * them the test is skipped with a notice — or fails when {@code CI=true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RequiresNode.Condition.class)
@interface RequiresNode {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (runs("node") && runs("npm")) {
                return ConditionEvaluationResult.enabled("node and npm found");
            }
            if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
                throw new IllegalStateException(context.getDisplayName()
                        + " needs node and npm on the PATH while CI=true: install Node.js 20 or newer.");
            }
            String reason = "SKIPPED " + context.getDisplayName() + ": node or npm is not on the PATH (install Node.js"
                    + " 20 or newer; with CI=true this fails instead)";
            System.err.println("[grok2api-tests] " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }

        private static boolean runs(String tool) {
            try {
                Process process = new ProcessBuilder(tool, "--version")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
