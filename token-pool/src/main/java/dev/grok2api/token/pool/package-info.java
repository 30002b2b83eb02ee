/**
 * The token pool: choosing a Grok account for each call and applying what each outcome says about it. Depends on
 * the core only.
 */
package dev.grok2api.token.pool;
