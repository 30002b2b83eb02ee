/**
 * The ports: interfaces the core needs implemented by adapters — Grok itself, the stores, and the token selector.
 * Each is small and split by capability.
 */
package dev.grok2api.core.port;
