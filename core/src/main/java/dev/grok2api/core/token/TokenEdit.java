package dev.grok2api.core.token;

import java.util.List;

/**
 * An operator's edit of one account. Null fields are left unchanged; nothing else about the record is touched, so
 * concurrent edits of different fields never undo each other.
 *
 * @param pool move to this pool, or null
 * @param status set this status (enable/disable, or revive), or null
 * @param note replace the note, or null
 * @param tags replace the tags, or null
 * @param clearCooldown remove any cooldown and reset the failure count
 * @param quota replace the normal quota (operator override), or null
 * @param heavyQuota replace the heavy quota, or null
 */
public record TokenEdit(
        TokenPool pool,
        TokenStatus status,
        String note,
        List<String> tags,
        boolean clearCooldown,
        Quota quota,
        Quota heavyQuota) {
    public TokenEdit {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** An edit that changes nothing; combine with the {@code with…} methods. */
    public static TokenEdit none() {
        return new TokenEdit(null, null, null, null, false, null, null);
    }

    public TokenEdit withPool(TokenPool newPool) {
        return new TokenEdit(newPool, status, note, tags, clearCooldown, quota, heavyQuota);
    }

    public TokenEdit withStatus(TokenStatus newStatus) {
        return new TokenEdit(pool, newStatus, note, tags, clearCooldown, quota, heavyQuota);
    }

    public TokenEdit withNote(String newNote) {
        return new TokenEdit(pool, status, newNote, tags, clearCooldown, quota, heavyQuota);
    }

    public TokenEdit withTags(List<String> newTags) {
        return new TokenEdit(pool, status, note, newTags, clearCooldown, quota, heavyQuota);
    }

    public TokenEdit withClearedCooldown() {
        return new TokenEdit(pool, status, note, tags, true, quota, heavyQuota);
    }

    public TokenEdit withQuota(Quota newQuota) {
        return new TokenEdit(pool, status, note, tags, clearCooldown, newQuota, heavyQuota);
    }

    public TokenEdit withHeavyQuota(Quota newHeavyQuota) {
        return new TokenEdit(pool, status, note, tags, clearCooldown, quota, newHeavyQuota);
    }
}
