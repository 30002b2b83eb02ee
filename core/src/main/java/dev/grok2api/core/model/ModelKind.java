package dev.grok2api.core.model;

/** What a model produces. */
public enum ModelKind {
    CHAT,
    IMAGE,
    IMAGE_EDIT,
    VIDEO
}
