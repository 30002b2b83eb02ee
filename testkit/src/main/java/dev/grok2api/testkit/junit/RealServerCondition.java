package dev.grok2api.testkit.junit;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link RequiresRealServer}. */
public final class RealServerCondition implements ExecutionCondition {
    private final UnaryOperator<String> environment;

    /** Reads the process environment (the constructor JUnit uses). */
    public RealServerCondition() {
        this(System::getenv);
    }

    /** Reads variables through {@code environment} (for testing the condition itself). */
    public RealServerCondition(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresRealServer> annotation = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresRealServer.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresRealServer");
        }
        return evaluate(annotation.get().value(), context.getDisplayName());
    }

    /**
     * Enabled when {@code variable} is set; otherwise disabled with a notice, or — when {@code CI=true} — an
     * {@link IllegalStateException} that fails the test.
     */
    ConditionEvaluationResult evaluate(String variable, String testName) {
        String value = environment.apply(variable);
        if (value != null && !value.isBlank()) {
            return ConditionEvaluationResult.enabled(variable + " is set");
        }
        String ci = environment.apply("CI");
        if ("true".equalsIgnoreCase(ci == null ? "" : ci.trim())) {
            throw new IllegalStateException(testName + " needs a real server but " + variable
                    + " is not set while CI=true. Start the test services and export " + variable
                    + " (.ci/run does both).");
        }
        String reason = "SKIPPED " + testName + ": " + variable + " is not set (export it to run against a real"
                + " server; with CI=true this fails instead)";
        System.err.println("[grok2api-testkit] " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
