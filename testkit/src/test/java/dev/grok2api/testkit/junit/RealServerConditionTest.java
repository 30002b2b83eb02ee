package dev.grok2api.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class RealServerConditionTest {

    private static RealServerCondition with(Map<String, String> env) {
        return new RealServerCondition(env::get);
    }

    @Test
    void should_enable_the_test_when_the_variable_is_set() {
        ConditionEvaluationResult result =
                with(Map.of(RealServer.REDIS, "redis://127.0.0.1:6379/0")).evaluate(RealServer.REDIS, "t()");
        assertThat(result.isDisabled()).isFalse();
    }

    @Test
    void should_skip_with_a_reason_naming_the_variable_when_it_is_unset_outside_ci() {
        ConditionEvaluationResult result = with(Map.of(RealServer.REDIS, " ")).evaluate(RealServer.REDIS, "t()");
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains(RealServer.REDIS));
    }

    @Test
    void should_fail_when_the_variable_is_unset_and_ci_is_true() {
        assertThatThrownBy(() -> with(Map.of("CI", "true")).evaluate(RealServer.POSTGRES, "t()"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RealServer.POSTGRES)
                .hasMessageContaining("CI=true");
    }
}
