/** Per-key daily usage: the buckets a request is charged to and what was used on a day. */
package dev.grok2api.core.usage;
