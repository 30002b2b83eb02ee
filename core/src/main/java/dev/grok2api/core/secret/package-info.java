/** Handling of secrets: masking for logs, list views and errors. */
package dev.grok2api.core.secret;
