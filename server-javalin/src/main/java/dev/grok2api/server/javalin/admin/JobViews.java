package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of background jobs for the admin API. */
public final class JobViews {
    private JobViews() {}

    /** A job's status: progress, counts, counters, failures (first {@value Job#MAX_FAILURES}) and stamps. */
    public static Map<String, Object> job(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("kind", job.kind());
        view.put("status", job.state().wireName());
        view.put("total", job.total());
        view.put("completed", job.completed());
        view.put("succeeded", job.succeeded());
        view.put("failed", job.failed());
        view.put("progress", Math.round(job.progress() * 1000) / 10.0);
        view.put("counters", job.counters());
        view.put("params", job.parameters());
        List<Object> failures = new ArrayList<>(job.failures().size());
        for (JobItemResult failure : job.failures()) {
            failures.add(item(failure));
        }
        view.put("failures", failures);
        view.put("last_error", job.lastError());
        view.put("started_at", TokenViews.millis(job.startedAt()));
        view.put("finished_at", TokenViews.millis(job.finishedAt()));
        return view;
    }

    /** One item result: {@code item, ok, error} and its details. */
    public static Map<String, Object> item(JobItemResult result) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("item", result.item());
        view.put("ok", result.ok());
        view.put("error", result.error());
        view.putAll(result.details());
        return view;
    }
}
