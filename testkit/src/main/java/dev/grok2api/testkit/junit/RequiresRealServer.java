package dev.grok2api.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when the environment variable {@link #value()} names a real server
 * (e.g. {@code GROK2API_TEST_POSTGRES_URL}).
 *
 * <p>When it is unset or blank, the test is skipped with a visible notice on standard error — unless {@code CI=true},
 * where a missing server is an error and the test fails, so lost coverage never passes as green. Read the URL itself
 * with {@link RealServer#url(String)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RealServerCondition.class)
public @interface RequiresRealServer {
    /** The environment variable holding the server's URL, e.g. {@code GROK2API_TEST_REDIS_URI}. */
    String value();
}
