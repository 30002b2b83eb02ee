package dev.grok2api.testkit.junit;

/** The environment variables that point tests at real servers, and access to them. */
public final class RealServer {
    /** JDBC URL of a PostgreSQL database tests may create schemas in. */
    public static final String POSTGRES = "GROK2API_TEST_POSTGRES_URL";
    /** JDBC URL of a MySQL/MariaDB server tests may create databases on. */
    public static final String MYSQL = "GROK2API_TEST_MYSQL_URL";
    /** {@code redis://} URI of a Redis server tests may write prefixed keys to. */
    public static final String REDIS = "GROK2API_TEST_REDIS_URI";

    private RealServer() {}

    /**
     * The value of the variable.
     *
     * @throws IllegalStateException when it is unset; guard the test with {@link RequiresRealServer}
     */
    public static String url(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    variable + " is not set; annotate the test with @RequiresRealServer(\"" + variable + "\")");
        }
        return value.trim();
    }
}
