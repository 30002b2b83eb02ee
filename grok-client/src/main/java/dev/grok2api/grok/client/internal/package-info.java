/** Grok wire format: headers, request bodies, the NDJSON stream reader and error classification. Module-private. */
package dev.grok2api.grok.client.internal;
