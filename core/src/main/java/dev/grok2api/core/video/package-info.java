/** Video generation in domain terms: validated options, requests, results and progress. */
package dev.grok2api.core.video;
