/** Cached media in domain terms: kinds, safe cache names and stored files. */
package dev.grok2api.core.media;
