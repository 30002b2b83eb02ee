/**
 * Semantics shared by every store adapter, so the in-memory fake, the SQL stores and the Redis store cannot drift
 * apart: the token state transitions the {@link dev.grok2api.core.port.TokenStore} Javadoc describes, and the value
 * codec for stored configuration. JDK only, like the rest of core.
 */
package dev.grok2api.core.storage;
