package dev.grok2api.core.model;

/** The Grok account tier a model needs. */
public enum AccountTier {
    /** Any account: the basic pool first, the super pool as fallback. */
    BASIC,
    /** SuperGrok accounts only. */
    SUPER
}
