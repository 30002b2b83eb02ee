/** Request statistics: hourly and daily success/failure counters and per-model counts. */
package dev.grok2api.core.stats;
