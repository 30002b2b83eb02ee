package dev.grok2api.core.service;

import dev.grok2api.core.config.MediaSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.Grok2ApiException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.job.JobSpec;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetPage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Counting and purging the files each Grok account keeps online (its assets: uploads and generations), as {@link
 * JobService} jobs: {@code performance.admin_assets_batch_size} accounts at a time, and within one account {@code
 * performance.assets_delete_batch_size} deletions at a time. A purge that deleted everything it listed stamps the
 * account's {@code last_asset_clear_at}. Items are {@code sso} values. Thread-safe.
 */
public final class OnlineAssetJobs {
    /** Job kind of a count. */
    public static final String COUNT = "media.count_online_assets";
    /** Job kind of a purge. */
    public static final String PURGE = "media.purge_online_assets";

    private final JobService jobs;
    private final TokenStore tokens;
    private final GrokUpstream upstream;
    private final SettingsSource settings;
    private final InstantSource clock;

    public OnlineAssetJobs(
            JobService jobs, TokenStore tokens, GrokUpstream upstream, SettingsSource settings, InstantSource clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts counting the online assets of the accounts; each result has the detail {@code count}.
     *
     * @param keepResults keep every account's result (for callers that wait for all of them)
     */
    public Job count(List<String> accounts, boolean keepResults) {
        return jobs.start(spec(COUNT, accounts, keepResults, token -> {
            int count = listAll(token.credential()).size();
            return JobItemResult.ok(token.token()).withDetails(Map.of("count", count));
        }));
    }

    /**
     * Starts purging the online assets of the accounts; each result has the details {@code total}, {@code success}
     * and {@code failed} (deletions), and fails when a deletion failed.
     */
    public Job purge(List<String> accounts, boolean keepResults) {
        return jobs.start(spec(PURGE, accounts, keepResults, this::purgeOne));
    }

    /** Waits for a job; see {@link JobService#await}. */
    public Job await(String jobId, Duration timeout) throws InterruptedException {
        return jobs.await(jobId, timeout);
    }

    private JobSpec<String> spec(
            String kind, List<String> accounts, boolean keepResults, Function<GrokToken, JobItemResult> task) {
        int concurrency = MediaSettings.of(settings.current()).adminAssetsBatch();
        return new JobSpec<>(
                kind,
                accounts,
                concurrency,
                token -> token,
                token -> {
                    Optional<GrokToken> account = tokens.find(token);
                    return account.isPresent()
                            ? task.apply(account.get())
                            : JobItemResult.failed(token, "No such account in the pool.");
                },
                keepResults,
                Map.of("accounts", accounts.size()));
    }

    private List<String> listAll(SsoCredential credential) {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            AssetPage page = upstream.listAssets(credential, pageToken);
            ids.addAll(page.assetIds());
            pageToken = page.hasMore() ? page.nextPageToken() : null;
        } while (pageToken != null);
        return ids;
    }

    private JobItemResult purgeOne(GrokToken account) {
        List<String> ids = listAll(account.credential());
        AtomicInteger deleted = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        Semaphore permits = new Semaphore(MediaSettings.of(settings.current()).assetsDeleteBatch());
        try (ExecutorService deleting = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                permits.acquireUninterruptibly();
                deleting.execute(() -> {
                    try {
                        upstream.deleteAsset(id, account.credential());
                        deleted.incrementAndGet();
                    } catch (RuntimeException e) {
                        synchronized (errors) {
                            errors.add(e instanceof Grok2ApiException g ? g.publicMessage() : e.toString());
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total", ids.size());
        details.put("success", deleted.get());
        details.put("failed", ids.size() - deleted.get());
        if (!errors.isEmpty()) {
            return JobItemResult.failed(account.token(), errors.get(0)).withDetails(details);
        }
        tokens.markAssetsCleared(account.token(), clock.instant());
        return JobItemResult.ok(account.token()).withDetails(details);
    }
}
