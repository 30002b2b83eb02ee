package dev.grok2api.server.javalin.admin;

import static dev.grok2api.server.javalin.admin.AdminAuthRoutes.PREFIX;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quota and account-settings refreshes of one, selected or all accounts, as server-side jobs. The reference's paths
 * and response shapes are kept: by default the request waits for the job and answers with the reference's result
 * object (plus the job); with {@code "async": true} it answers 202 at once with the job, whose progress {@code GET
 * /api/v1/admin/jobs/{id}} reports and {@code POST …/cancel} stops.
 *
 * <p>Accounts are named by {@code token}/{@code tokens}, or {@code "all": true} with optional filters {@code pool},
 * {@code status}, {@code tag}, {@code q}.
 */
public final class TokenRefreshRoutes {
    /** Longest a waiting request waits before answering 202 with the still-running job. */
    static final Duration SYNC_WAIT = Duration.ofMinutes(10);

    private final TokenAdminService tokens;
    private final TokenRefreshJobs jobs;
    private final InstantSource clock;

    public TokenRefreshRoutes(TokenAdminService tokens, TokenRefreshJobs jobs, InstantSource clock) {
        this.tokens = tokens;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post(PREFIX + "/tokens/refresh", this::refreshQuota);
        routes.post(PREFIX + "/tokens/nsfw/refresh", this::refreshAccountSettings);
    }

    private void refreshQuota(Context ctx) throws InterruptedException {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        Map<String, String> selection = selection(body);
        boolean async = AdminBodies.bool(body, "async", false);
        Job job = jobs.refreshQuota(List.copyOf(selection.keySet()), !async);
        respond(ctx, job, async, finished -> {
            Map<String, Object> results = new LinkedHashMap<>();
            for (JobItemResult result : finished.results()) {
                results.put(selection.getOrDefault(result.item(), result.item()), result.ok());
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("status", "success");
            response.put("results", results);
            return response;
        });
    }

    private void refreshAccountSettings(Context ctx) throws InterruptedException {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        Map<String, String> selection = selection(body);
        TokenRefreshJobs.AccountSettingsOptions defaults = jobs.accountSettingsDefaults();
        Integer concurrency = AdminBodies.integer(body, "concurrency");
        Integer retries = AdminBodies.integer(body, "retries");
        TokenRefreshJobs.AccountSettingsOptions options = new TokenRefreshJobs.AccountSettingsOptions(
                concurrency == null ? defaults.concurrency() : Math.max(1, concurrency),
                retries == null ? defaults.retries() : Math.max(0, retries));
        boolean async = AdminBodies.bool(body, "async", false);
        Job job = jobs.refreshAccountSettings(List.copyOf(selection.keySet()), options, !async);
        respond(ctx, job, async, finished -> {
            List<Object> failed = new ArrayList<>();
            for (JobItemResult result : finished.results()) {
                if (!result.ok()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("token", selection.getOrDefault(result.item(), result.item()));
                    item.put("ok", false);
                    item.put("attempts", result.details().get("attempts"));
                    item.put("step", result.details().get("step"));
                    item.put("error", result.error());
                    item.put("invalidated", result.details().get("invalidated"));
                    failed.add(item);
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total", finished.total());
            summary.put("success", finished.succeeded());
            summary.put("failed", finished.failed());
            summary.put("invalidated", finished.counter("invalidated"));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("status", "success");
            response.put("summary", summary);
            response.put("failed", failed);
            return response;
        });
    }

    /** The reference body of a finished job. */
    private interface Shape {
        Map<String, Object> of(Job finished);
    }

    private void respond(Context ctx, Job job, boolean async, Shape shape) throws InterruptedException {
        Job current = async ? job : jobs.await(job.id(), SYNC_WAIT);
        if (!current.state().finished()) {
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("status", "started");
            started.put("job", JobViews.job(current));
            ctx.status(202).json(started);
            return;
        }
        Map<String, Object> response = shape.of(current);
        response.put("job", JobViews.job(current));
        ctx.json(response);
    }

    /**
     * The accounts a body names, as normalised value → value as sent (results are keyed as sent, like the
     * reference).
     *
     * @throws InvalidRequestException (400 "No tokens provided") when it names none
     */
    private Map<String, String> selection(Map<String, Object> body) {
        Map<String, String> selection = new LinkedHashMap<>();
        if (AdminBodies.bool(body, "all", false)) {
            TokenQuery filters = new TokenQuery(
                    AdminBodies.pool(body.get("pool"), "pool", null),
                    AdminBodies.status(body.get("status"), "status"),
                    AdminBodies.string(body, "tag"),
                    AdminBodies.string(body, "q"),
                    clock.instant(),
                    TokenSort.CREATED_ASC,
                    0,
                    1);
            for (GrokToken token : tokens.matching(filters)) {
                selection.put(token.token(), token.token());
            }
        } else {
            for (String raw : AdminBodies.tokens(body)) {
                selection.putIfAbsent(SsoCredential.parse(raw).sso(), raw);
            }
        }
        if (selection.isEmpty() && !AdminBodies.bool(body, "all", false)) {
            throw new InvalidRequestException(
                    "missing", "tokens", "No tokens provided: send {\"token\":…}, {\"tokens\":[…]} or {\"all\":true}.");
        }
        return selection;
    }
}
