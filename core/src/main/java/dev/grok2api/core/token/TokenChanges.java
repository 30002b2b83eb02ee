package dev.grok2api.core.token;

import java.util.List;

/**
 * What {@link dev.grok2api.core.port.TokenStore#changesSince} tells a follower: the accounts added or updated after its
 * position, or that it must read the whole pool.
 *
 * @param position the store's position as of this answer (its {@link dev.grok2api.core.port.TokenStore#changeMarker()}
 *     read before the changes), to pass to the next call
 * @param changed the added or updated accounts, as stored now; empty when incomplete. May repeat accounts an earlier
 *     answer already carried, never misses one
 * @param complete false when the changes cannot be told one by one — accounts were deleted, or more changed than asked
 *     for: the follower then reloads the whole pool
 */
public record TokenChanges(long position, List<GrokToken> changed, boolean complete) {
    public TokenChanges {
        changed = List.copyOf(changed);
        if (!complete && !changed.isEmpty()) {
            throw new IllegalArgumentException("an incomplete answer carries no accounts");
        }
    }

    /** An answer that sends the follower to a full reload. */
    public static TokenChanges incomplete(long position) {
        return new TokenChanges(position, List.of(), false);
    }
}
