package dev.grok2api.core.model;

/** The per-key daily quota bucket a request is charged to. */
public enum UsageBucket {
    CHAT,
    HEAVY,
    IMAGE,
    VIDEO
}
