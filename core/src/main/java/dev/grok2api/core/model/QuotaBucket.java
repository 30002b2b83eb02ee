package dev.grok2api.core.model;

/** The Grok-side quota bucket of an account that a model draws from. */
public enum QuotaBucket {
    /** The normal per-window query quota. */
    NORMAL,
    /** The separate heavy (multi-agent) quota of SuperGrok accounts. */
    HEAVY
}
