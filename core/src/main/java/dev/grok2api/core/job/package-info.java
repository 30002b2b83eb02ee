/**
 * Server-side background jobs (bulk token refreshes, imports, asset purges): what a job is, its progress and its
 * per-item results. {@link dev.grok2api.core.service.JobService} runs them.
 */
package dev.grok2api.core.job;
