/**
 * The Grok upstream adapter: {@link dev.grok2api.grok.client.OkHttpGrokUpstream} implements the core's {@code
 * GrokUpstream} port over OkHttp and Moshi. Wire details live in {@code internal} and never leave this module.
 */
package dev.grok2api.grok.client;
