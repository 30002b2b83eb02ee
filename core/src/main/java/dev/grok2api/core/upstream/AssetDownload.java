package dev.grok2api.core.upstream;

/**
 * What a finished asset download delivered.
 *
 * @param contentType the {@code Content-Type} Grok sent, or null
 * @param bytes how many bytes were written
 */
public record AssetDownload(String contentType, long bytes) {}
