/** Per-request log rows for the admin data center: what was called, by whom, how it ended and how long it took. */
package dev.grok2api.core.requestlog;
