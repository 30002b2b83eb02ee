/**
 * The pool of Grok accounts ("tokens"): the account record, its quota buckets and states, credential
 * normalisation, and the queries and edits the admin side makes.
 */
package dev.grok2api.core.token;
