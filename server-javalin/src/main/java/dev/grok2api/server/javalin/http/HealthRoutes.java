package dev.grok2api.server.javalin.http;

import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.server.javalin.jobs.BackgroundJobs;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness and readiness, without authentication.
 *
 * <ul>
 *   <li>{@code GET /health} → {@code {"status":"healthy","service":"Grok2API","runtime":"java-javalin"}} (the
 *       reference's shape): the process answers
 *   <li>{@code GET /readyz} → 200 {@code {"status":"ready","storage":{"type","status":"up"},"scheduler":{"status",
 *       "jobs":{name:{"last_success_ms","last_failure_ms","last_error"}}}}}, or 503 with {@code "status":
 *       "unavailable"} when the storage cannot be reached (its error, never a password, in {@code storage.error})
 * </ul>
 */
public final class HealthRoutes {
    private final String storageType;
    private final Runnable storageProbe;
    private final BackgroundJobs jobs;

    /**
     * @param storageType the backend's name for the report
     * @param storageProbe a cheap storage round trip; throws when the storage cannot be reached
     * @param jobs the background jobs to report on
     */
    public HealthRoutes(String storageType, Runnable storageProbe, BackgroundJobs jobs) {
        this.storageType = storageType;
        this.storageProbe = storageProbe;
        this.jobs = jobs;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(
                "/health",
                ctx -> ctx.json(Map.of("status", "healthy", "service", "Grok2API", "runtime", "java-javalin")));
        routes.get("/readyz", this::readiness);
    }

    private void readiness(Context ctx) {
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("type", storageType);
        boolean storageUp;
        try {
            storageProbe.run();
            storageUp = true;
            storage.put("status", "up");
        } catch (RuntimeException e) {
            storageUp = false;
            storage.put("status", "down");
            storage.put(
                    "error",
                    e instanceof Grok2ApiException g
                            ? g.publicMessage()
                            : e.getClass().getSimpleName());
        }
        Map<String, Object> jobStates = new LinkedHashMap<>();
        jobs.states().forEach((name, state) -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put(
                    "last_success_ms",
                    state.lastSuccess() == null ? null : state.lastSuccess().toEpochMilli());
            job.put(
                    "last_failure_ms",
                    state.lastFailure() == null ? null : state.lastFailure().toEpochMilli());
            job.put("last_error", state.lastError());
            jobStates.put(name, job);
        });
        Map<String, Object> scheduler = new LinkedHashMap<>();
        scheduler.put("status", jobs.running() ? "running" : "stopped");
        scheduler.put("jobs", jobStates);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storageUp ? "ready" : "unavailable");
        body.put("storage", storage);
        body.put("scheduler", scheduler);
        ctx.status(storageUp ? 200 : 503).json(body);
    }
}
