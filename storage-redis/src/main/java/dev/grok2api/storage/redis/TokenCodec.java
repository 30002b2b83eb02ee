package dev.grok2api.storage.redis;

import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;

/** {@link GrokToken} to and from its stored form. The field order is the storage format: append, never reorder. */
final class TokenCodec {
    private TokenCodec() {}

    static String encode(GrokToken t) {
        TokenFailure f = t.lastFailure();
        return new Fields.Writer()
                .text(t.token())
                .optionalText(t.ssoRw())
                .text(t.pool().wireName())
                .text(t.status().wireName())
                .number(t.quota().remaining())
                .number(t.quota().total())
                .number(t.quota().windowSeconds())
                .number(t.heavyQuota().remaining())
                .number(t.heavyQuota().total())
                .number(t.heavyQuota().windowSeconds())
                .number(t.useCount())
                .number(t.failCount())
                .optionalText(f == null ? null : f.code())
                .optionalText(f == null ? null : f.message())
                .optionalInstant(f == null ? null : f.at())
                .optionalInstant(t.cooldownUntil())
                .strings(t.tags())
                .text(t.note())
                .number(t.createdAt().toEpochMilli())
                .optionalInstant(t.lastUsedAt())
                .optionalInstant(t.lastSyncAt())
                .optionalInstant(t.lastAssetClearAt())
                .encode();
    }

    static GrokToken decode(String encoded) {
        Fields.Reader r = new Fields.Reader(encoded);
        String token = r.text();
        String ssoRw = r.optionalText();
        TokenPool pool = TokenPool.fromWireName(r.text()).orElseThrow();
        TokenStatus status = TokenStatus.fromWireName(r.text()).orElseThrow();
        Quota quota = new Quota(r.integer(), r.integer(), r.number());
        Quota heavy = new Quota(r.integer(), r.integer(), r.number());
        int useCount = r.integer();
        int failCount = r.integer();
        String code = r.optionalText();
        String message = r.optionalText();
        Instant failedAt = r.optionalInstant();
        TokenFailure failure = code == null ? null : new TokenFailure(code, message, failedAt);
        return new GrokToken(
                token,
                ssoRw,
                pool,
                status,
                quota,
                heavy,
                useCount,
                failCount,
                failure,
                r.optionalInstant(),
                r.strings(),
                r.text(),
                Instant.ofEpochMilli(r.number()),
                r.optionalInstant(),
                r.optionalInstant(),
                r.optionalInstant());
    }
}
