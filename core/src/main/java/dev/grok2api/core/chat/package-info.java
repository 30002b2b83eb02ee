/**
 * Chat in domain terms: requests, messages and content parts, the streamed deltas and the finished completion.
 * Nothing here knows the OpenAI, Anthropic or Grok wire formats.
 */
package dev.grok2api.core.chat;
