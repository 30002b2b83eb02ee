package dev.grok2api.testkit.contract;

import dev.grok2api.core.token.GrokToken;

/** Record builders the token contract needs and the domain does not offer. */
final class TokenStoreContractSupport {
    private TokenStoreContractSupport() {}

    static GrokToken withNote(GrokToken t, String note) {
        return new GrokToken(
                t.token(),
                t.ssoRw(),
                t.pool(),
                t.status(),
                t.quota(),
                t.heavyQuota(),
                t.useCount(),
                t.failCount(),
                t.lastFailure(),
                t.cooldownUntil(),
                t.tags(),
                note,
                t.createdAt(),
                t.lastUsedAt(),
                t.lastSyncAt(),
                t.lastAssetClearAt());
    }
}
