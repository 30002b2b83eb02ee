/**
 * Image generation and editing in domain terms: requests, output formats, generation methods, results and the
 * listener of a streamed generation.
 */
package dev.grok2api.core.image;
