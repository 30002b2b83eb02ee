/** Managed client API keys: the stored record (hash, mask, limits), edits and listings. */
package dev.grok2api.core.apikey;
