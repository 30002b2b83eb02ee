package dev.grok2api.admin.ui;

/**
 * Marker for the admin UI assets packaged in this jar. The server serves them from the classpath folder {@link
 * #CLASSPATH_ROOT}; referencing the constant (not a string) ties the server to this module at compile time.
 */
public final class AdminUi {
    /** Classpath folder holding the pages and assets, without leading or trailing slash. */
    public static final String CLASSPATH_ROOT = "grok2api/admin-ui";

    private AdminUi() {}
}
