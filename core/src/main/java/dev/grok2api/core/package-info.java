/**
 * grok2api core: domain records, ports and use-case services. Depends on the JDK only; adapters implement the
 * ports in {@link dev.grok2api.core.port} and the server composes them.
 */
package dev.grok2api.core;
