package dev.grok2api.core.token;

/** Orderings the admin listing supports. Ties are always broken by token value so paging is stable. */
public enum TokenSort {
    CREATED_ASC,
    CREATED_DESC,
    QUOTA_ASC,
    QUOTA_DESC,
    LAST_USED_DESC,
    USE_COUNT_DESC
}
