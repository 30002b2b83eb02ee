package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.port.SessionStore;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.server.javalin.config.ServerOptions;

/** The stores the server runs on, opened from {@link ServerOptions}. */
public final class Storage implements AutoCloseable {
    private final TokenStore tokens;
    private final SessionStore sessions;
    private final String description;
    private final AutoCloseable resource;

    private Storage(TokenStore tokens, SessionStore sessions, String description, AutoCloseable resource) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.description = description;
        this.resource = resource;
    }

    /** Opens the backend the options name. */
    public static Storage open(ServerOptions options) {
        throw new UnsupportedOperationException("storage wiring pending");
    }

    public TokenStore tokens() {
        return tokens;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** For logs, e.g. {@code sqlite (data/grok2api.db)}; never contains a password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing storage failed", e);
        }
    }
}
