package dev.grok2api.core.service;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.job.JobItemResult;
import dev.grok2api.core.job.JobSpec;
import dev.grok2api.core.port.TokenRefresher;
import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaRefreshResult;
import dev.grok2api.core.token.TokenStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bulk refreshes of accounts as {@link JobService} jobs: quota ({@value #QUOTA}) and account settings ({@value
 * #ACCOUNT_SETTINGS}). Items are {@code sso} values; results carry them as the item name. Thread-safe.
 */
public final class TokenRefreshJobs {
    /** Job kind of a quota refresh. */
    public static final String QUOTA = "token.refresh_quota";
    /** Job kind of an account-settings refresh. */
    public static final String ACCOUNT_SETTINGS = "token.refresh_account_settings";

    private final JobService jobs;
    private final TokenRefresher refresher;
    private final SettingsSource settings;

    public TokenRefreshJobs(JobService jobs, TokenRefresher refresher, SettingsSource settings) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The account-settings concurrency and retries in force ({@code token.nsfw_refresh_*}), clamped to valid values. */
    public AccountSettingsOptions accountSettingsDefaults() {
        Settings s = settings.current();
        return new AccountSettingsOptions(
                Math.max(1, s.intValue("token.nsfw_refresh_concurrency")),
                Math.max(0, s.intValue("token.nsfw_refresh_retries")));
    }

    /**
     * How an account-settings job runs.
     *
     * @param concurrency accounts processed at once, {@code >= 1}
     * @param retries extra attempts per account, {@code >= 0}
     */
    public record AccountSettingsOptions(int concurrency, int retries) {
        public AccountSettingsOptions {
            if (concurrency < 1 || retries < 0) {
                throw new IllegalArgumentException("concurrency must be >= 1 and retries >= 0");
            }
        }
    }

    /**
     * Starts a quota refresh of the accounts, {@code performance.usage_max_concurrent} at a time.
     *
     * @param tokens {@code sso} values (unknown ones fail)
     * @param keepResults keep every account's result in the job (for callers that wait for all of them)
     */
    public Job refreshQuota(List<String> tokens, boolean keepResults) {
        int concurrency = Math.max(1, settings.current().intValue("performance.usage_max_concurrent"));
        return jobs.start(spec(QUOTA, tokens, concurrency, keepResults, Map.of(), this::quotaItem));
    }

    /**
     * Starts an account-settings refresh of the accounts.
     *
     * @param tokens {@code sso} values (unknown ones fail)
     * @param options concurrency and retries
     * @param keepResults keep every account's result in the job
     */
    public Job refreshAccountSettings(List<String> tokens, AccountSettingsOptions options, boolean keepResults) {
        Objects.requireNonNull(options, "options");
        Map<String, Object> parameters = Map.of("concurrency", options.concurrency(), "retries", options.retries());
        return jobs.start(spec(
                ACCOUNT_SETTINGS,
                tokens,
                options.concurrency(),
                keepResults,
                parameters,
                token -> accountSettingsItem(token, options.retries())));
    }

    /**
     * Waits until the job has finished or the timeout elapsed; see {@link JobService#await}.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public Job await(String jobId, Duration timeout) throws InterruptedException {
        return jobs.await(jobId, timeout);
    }

    private static JobSpec<String> spec(
            String kind,
            List<String> tokens,
            int concurrency,
            boolean keepResults,
            Map<String, Object> parameters,
            Function<String, JobItemResult> task) {
        return new JobSpec<>(kind, tokens, concurrency, t -> t, task, keepResults, parameters);
    }

    private JobItemResult quotaItem(String token) {
        QuotaRefreshResult result = refresher.refreshQuota(token);
        Map<String, Object> details = new LinkedHashMap<>();
        GrokToken account = result.account();
        if (account != null) {
            details.put("status", account.status().wireName());
            details.put("quota", account.quota().remaining());
            details.put("heavy_quota", account.heavyQuota().remaining());
        }
        JobItemResult item = result.ok()
                ? JobItemResult.ok(token).withDetails(details)
                : JobItemResult.failed(token, result.error()).withDetails(details);
        return account != null && account.status() == TokenStatus.INVALID ? item.counting("invalid") : item;
    }

    private JobItemResult accountSettingsItem(String token, int retries) {
        AccountSettingsResult result = refresher.refreshAccountSettings(token, retries);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempts", result.attempts());
        if (result.ok()) {
            return JobItemResult.ok(token).withDetails(details);
        }
        details.put("step", result.step());
        details.put("invalidated", result.invalidated());
        JobItemResult item = JobItemResult.failed(token, result.error()).withDetails(details);
        return result.invalidated() ? item.counting("invalidated") : item;
    }
}
