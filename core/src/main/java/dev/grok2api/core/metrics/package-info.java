/** In-process counters and latency histograms of this instance, for the Prometheus endpoint. */
package dev.grok2api.core.metrics;
