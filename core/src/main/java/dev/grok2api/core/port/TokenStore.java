package dev.grok2api.core.port;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Persistent pool of Grok accounts, keyed by the {@code sso} value.
 *
 * <p>Every write touches only the records it names and is atomic per record, so several gateway instances sharing
 * one store never lose each other's updates (no read-modify-write of whole pools). Implementations are thread-safe.
 *
 * <p>Unknown tokens are not an error: single-record operations return {@link Optional#empty()}, bulk ones count only
 * what they changed. Storage failures surface as {@link dev.grok2api.core.error.ServiceUnavailableException}.
 */
public interface TokenStore {

    /**
     * Inserts the accounts whose token is not stored yet. Existing records are left untouched, whatever the given
     * record says.
     *
     * @param tokens accounts to add; duplicates within the collection are inserted once
     * @return the tokens actually inserted, in input order
     */
    List<String> insertIfAbsent(Collection<GrokToken> tokens);

    /** The account with this token, or empty. */
    Optional<GrokToken> find(String token);

    /**
     * Every account, for building the in-memory selection index. Order is unspecified.
     *
     * <p>Callers with very large pools should prefer {@link #list(TokenQuery)}; this method exists because selection
     * needs the whole pool in memory anyway.
     */
    List<GrokToken> listAll();

    /** One page of a filtered, sorted listing, plus the total number of matches. */
    TokenPage list(TokenQuery query);

    /** Pool-wide counts, with cooldowns judged at {@code now}. */
    TokenCounts counts(Instant now);

    /**
     * Applies an operator edit to one account.
     *
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> edit(String token, TokenEdit edit);

    /**
     * Records a successful use: {@code useCount + 1}, {@code lastUsedAt = now}, {@code failCount = 0}, the quota
     * change applied to {@code bucket}, any cooldown cleared. The status becomes {@link TokenStatus#COOLING} when the
     * bucket's remaining count is then zero, otherwise {@link TokenStatus#ACTIVE} — except that a {@link
     * TokenStatus#DISABLED} account stays disabled. A {@link QuotaChange.Synced} also sets {@code lastSyncAt}.
     *
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> recordSuccess(String token, QuotaBucket bucket, QuotaChange change, Instant now);

    /**
     * Records a quota sync that was not a use (admin refresh, scheduler): sets the bucket and {@code lastSyncAt}, and
     * moves an {@link TokenStatus#ACTIVE} or {@link TokenStatus#COOLING} account to cooling (remaining zero) or
     * active (otherwise). Invalid and disabled accounts keep their status unless {@code revive} is true, in which case
     * an invalid account with quota left becomes active and its failure count is reset.
     *
     * <p>A sync {@linkplain QuotaChange.Synced#supersededBy superseded} by a use recorded after it was started changes
     * nothing: the record is returned as it is. The check and the write are one atomic step, so of the syncs several
     * instances run after their uses, only those that saw the latest use land.
     *
     * @return the updated record (unchanged when superseded), or empty when the token is unknown
     */
    Optional<GrokToken> recordSync(
            String token, QuotaBucket bucket, QuotaChange.Synced sync, boolean revive, Instant now);

    /**
     * Records a counted failure: {@code failCount + 1} and {@code lastFailure = failure}; when the new count reaches
     * {@code threshold} the status becomes {@link TokenStatus#INVALID}. Atomic, so concurrent failures from several
     * instances are all counted.
     *
     * @param threshold failures that invalidate the account, {@code >= 1}
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> recordFailure(String token, TokenFailure failure, int threshold);

    /**
     * Puts an account into a cooldown without counting a failure: the status becomes {@link TokenStatus#COOLING}
     * (unless it is invalid or disabled), {@code cooldownUntil = until}, {@code lastFailure = reason}.
     *
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> coolDown(String token, Instant until, TokenFailure reason);

    /**
     * Marks an account invalid at once (blocked account, failed account-settings refresh) with the reason.
     *
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> invalidate(String token, TokenFailure reason);

    /**
     * Stamps {@code lastAssetClearAt}.
     *
     * @return the updated record, or empty when the token is unknown
     */
    Optional<GrokToken> markAssetsCleared(String token, Instant at);

    /**
     * Deletes the named accounts.
     *
     * @return how many existed and were deleted
     */
    int delete(Collection<String> tokens);

    /**
     * Deletes every account with this status (e.g. "delete all invalid").
     *
     * @return how many were deleted
     */
    int deleteByStatus(TokenStatus status);

    /**
     * The store's position in its sequence of writes: it grows with every write that changes an account (a write that
     * changes nothing leaves it), so instances can cheaply tell whether their in-memory selection index is stale.
     */
    long changeMarker();

    /**
     * The accounts added or updated after {@code position}, so an instance can follow every instance's writes without
     * reading the whole pool. Additions and updates (uses, syncs, failures, cooldowns, edits) are told one by one; when
     * accounts were deleted after {@code position}, or more than {@code limit} were added or updated, the answer is
     * {@linkplain TokenChanges#complete() incomplete} and the caller reads the whole pool instead. A store may also
     * answer incomplete after a bulk insert (more than 1,000 accounts in one call), which a follower would reload for
     * anyway.
     *
     * @param position a {@link #changeMarker()} or an earlier answer's {@link TokenChanges#position()}
     * @param limit most accounts to return, {@code >= 1}
     */
    TokenChanges changesSince(long position, int limit);
}
