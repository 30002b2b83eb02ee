package dev.grok2api.server.javalin.admin;

import static dev.grok2api.server.javalin.admin.AdminAuthRoutes.PREFIX;

import dev.grok2api.core.job.Job;
import dev.grok2api.core.service.JobService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Background jobs of this instance (bulk refreshes, and later purges and cache jobs): list, status with progress and
 * failures, cancel. Registered after {@link AdminAuthRoutes}, whose session check guards these routes.
 */
public final class JobRoutes {
    private final JobService jobs;

    public JobRoutes(JobService jobs) {
        this.jobs = jobs;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "/jobs", this::list);
        routes.get(PREFIX + "/jobs/{id}", ctx -> ctx.json(JobViews.job(jobs.require(ctx.pathParam("id")))));
        routes.post(PREFIX + "/jobs/{id}/cancel", ctx -> ctx.json(JobViews.job(jobs.cancel(ctx.pathParam("id")))));
    }

    /** Every retained job, newest first; {@code ?kind=} keeps one kind. */
    private void list(Context ctx) {
        String kind = ctx.queryParam("kind");
        List<Object> views = new ArrayList<>();
        for (Job job : jobs.list()) {
            if (kind == null || kind.isBlank() || job.kind().equals(kind)) {
                views.add(JobViews.job(job));
            }
        }
        ctx.json(Map.of("jobs", views));
    }
}
