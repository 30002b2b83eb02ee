/**
 * Grok's side of the gateway in domain terms: what to ask ({@link dev.grok2api.core.upstream.ConversationRequest})
 * and what comes back ({@link dev.grok2api.core.upstream.GrokEvent}). The wire format lives in the grok-client
 * adapter.
 */
package dev.grok2api.core.upstream;
