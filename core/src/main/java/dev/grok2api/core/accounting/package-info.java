/**
 * Per-request accounting of client API calls: per-key limits (model allow-list, requests per minute, concurrency),
 * the atomic daily-quota charge and its refund, and the record of every finished request (statistics, request log,
 * metrics). Request handlers of every endpoint that serves models (chat, images, videos) go through {@link
 * dev.grok2api.core.accounting.AccountingService#run}.
 */
package dev.grok2api.core.accounting;
