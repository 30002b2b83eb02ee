/**
 * JMH benchmarks. Each benchmark class measures a baseline in the same run so results are reported as ratios, never
 * as absolute wall-clock times.
 */
package dev.grok2api.benchmarks;
