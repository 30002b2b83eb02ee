/**
 * The single exception taxonomy of grok2api. Every failure that can reach a client is a {@link
 * dev.grok2api.core.error.Grok2ApiException}; adapters render it with one mapper and only ever show {@link
 * dev.grok2api.core.error.Grok2ApiException#publicMessage()}.
 */
package dev.grok2api.core.error;
