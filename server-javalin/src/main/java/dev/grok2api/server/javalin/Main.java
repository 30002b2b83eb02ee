package dev.grok2api.server.javalin;

import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ServerOptions;

/** Starts the gateway from the process environment; see README.md for the variables. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Grok2ApiServer server;
        try {
            server = Grok2ApiServer.start(ServerOptions.fromEnvironment(System.getenv()));
        } catch (ConfigException e) {
            System.err.println("grok2api: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "grok2api-shutdown"));
    }
}
