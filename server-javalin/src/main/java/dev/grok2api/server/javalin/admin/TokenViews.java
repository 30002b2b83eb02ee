package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of accounts for the admin API. */
public final class TokenViews {
    private TokenViews() {}

    /**
     * The reference's {@code TokenView}: {@code token, status, quota, quota_known, heavy_quota, heavy_quota_known,
     * token_type, note, fail_count, use_count}. Status {@code cooling} is reported for accounts in a cooldown too.
     * The token value is included in full: the reference UI addresses accounts by it.
     */
    public static Map<String, Object> reference(GrokToken token, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("token", token.token());
        TokenStatus status =
                token.status() == TokenStatus.ACTIVE && token.coolingAt(now) ? TokenStatus.COOLING : token.status();
        view.put("status", status.wireName());
        view.put("quota", token.quota().known() ? token.quota().remaining() : 0);
        view.put("quota_known", token.quota().known());
        view.put("heavy_quota", token.heavyQuota().remaining());
        view.put("heavy_quota_known", token.heavyQuota().known());
        view.put("token_type", token.pool().tokenType());
        view.put("note", token.note());
        view.put("fail_count", token.failCount());
        view.put("use_count", token.useCount());
        return view;
    }
}
