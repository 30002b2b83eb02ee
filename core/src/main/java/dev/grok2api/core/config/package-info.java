/**
 * Configuration: immutable snapshots of every {@code section.key}, typed views per section, and the source
 * components read the snapshot in force from.
 */
package dev.grok2api.core.config;
