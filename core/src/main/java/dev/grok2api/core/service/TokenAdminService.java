package dev.grok2api.core.service;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.secret.Secrets;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenChangeListener;
import dev.grok2api.core.token.TokenCounts;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenImport;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenSort;
import dev.grok2api.core.token.TokenStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Operator actions on the account pool: listing, statistics, adding and importing, the reference's full-map form,
 * edits and deletions. Every write names the records it changes and goes through the store's atomic per-record
 * operations, so concurrent instances and admins never undo each other's work; fields an operator did not touch are
 * never overwritten. New accounts get their account settings refreshed in the background (as the reference does).
 * Thread-safe.
 */
public final class TokenAdminService {
    /** Longest token accepted (the stores' limit). */
    public static final int MAX_TOKEN_LENGTH = 512;

    private static final int SAMPLE_SIZE = 20;
    /** Below this many entries a preview looks tokens up one by one instead of reading the whole pool. */
    private static final int LOOKUP_LIMIT = 200;

    private final TokenStore store;
    private final TokenRefreshJobs refreshJobs;
    private final TokenChangeListener listener;
    private final InstantSource clock;

    /**
     * @param store the pool
     * @param refreshJobs starts the background account-settings refresh of new accounts
     * @param listener told about every account changed here (the selection index of this instance)
     * @param clock time source for creation stamps and cooldown judgements
     */
    public TokenAdminService(
            TokenStore store, TokenRefreshJobs refreshJobs, TokenChangeListener listener, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.refreshJobs = Objects.requireNonNull(refreshJobs, "refreshJobs");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** Every account grouped by pool, each pool in creation order (both pools always present). */
    public Map<TokenPool, List<GrokToken>> listByPool() {
        Map<TokenPool, List<GrokToken>> byPool = new EnumMap<>(TokenPool.class);
        for (TokenPool pool : TokenPool.values()) {
            byPool.put(pool, new ArrayList<>());
        }
        for (GrokToken token : allInCreationOrder()) {
            byPool.get(token.pool()).add(token);
        }
        return byPool;
    }

    /** One page of a filtered, sorted listing. */
    public TokenPage page(TokenQuery query) {
        return store.list(query);
    }

    /** Pool-wide counts and quota sums now. */
    public TokenCounts stats() {
        return store.counts(clock.instant());
    }

    /**
     * Every account matching the query's filters (its offset and limit are ignored), in creation order. Without
     * filters this is the whole pool.
     */
    public List<GrokToken> matching(TokenQuery filters) {
        if (filters.pool() == null && filters.status() == null && filters.tag() == null && filters.text() == null) {
            return allInCreationOrder();
        }
        List<GrokToken> out = new ArrayList<>();
        for (int offset = 0; ; offset += TokenQuery.MAX_LIMIT) {
            TokenPage page = store.list(new TokenQuery(
                    filters.pool(),
                    filters.status(),
                    filters.tag(),
                    filters.text(),
                    filters.now(),
                    TokenSort.CREATED_ASC,
                    offset,
                    TokenQuery.MAX_LIMIT));
            out.addAll(page.items());
            if (page.items().size() < TokenQuery.MAX_LIMIT) {
                return out;
            }
        }
    }

    /** The named accounts that exist, in the order named (normalised, duplicates once). */
    public List<GrokToken> find(Collection<String> rawTokens) {
        List<GrokToken> found = new ArrayList<>();
        for (String token : normalise(rawTokens)) {
            store.find(token).ifPresent(found::add);
        }
        return found;
    }

    private List<GrokToken> allInCreationOrder() {
        List<GrokToken> all = new ArrayList<>(store.listAll());
        all.sort(Comparator.comparing(GrokToken::createdAt).thenComparing(GrokToken::token));
        return all;
    }

    // ---- adding ---------------------------------------------------------------------------------------------

    /**
     * What an import did (or, for a preview, would do).
     *
     * @param applied false for a preview: nothing was written
     * @param added the accounts newly stored (or that would be), normalised, in input order
     * @param existing how many were already stored (in any pool) and were left untouched
     * @param duplicates how many repeated an earlier entry of the same import
     * @param blank how many entries were empty
     * @param rejected entries that are not a usable credential, by position in the input
     * @param existingSample a few of the existing accounts, masked
     * @param duplicateSample a few of the repeated entries, masked
     * @param accountSettingsJob the background account-settings refresh started for the new accounts, or null
     */
    public record ImportReport(
            boolean applied,
            List<String> added,
            int existing,
            int duplicates,
            int blank,
            List<Rejected> rejected,
            List<String> existingSample,
            List<String> duplicateSample,
            Job accountSettingsJob) {
        public ImportReport {
            added = List.copyOf(added);
            rejected = List.copyOf(rejected);
            existingSample = List.copyOf(existingSample);
            duplicateSample = List.copyOf(duplicateSample);
        }
    }

    /**
     * An entry that is not a usable credential.
     *
     * @param index its position in the input, from 0
     * @param reason what is wrong with it
     */
    public record Rejected(int index, String reason) {}

    /**
     * Adds accounts. Entries may be bare values, {@code sso=…} or whole cookie strings; they are normalised and
     * de-duplicated, and accounts already stored (in any pool) are left untouched. New accounts start active with the
     * reference's quota estimate unless the entry says otherwise.
     *
     * @param entries what to add
     * @param defaultPool the pool of entries that name none
     * @param preview only report what would happen
     * @param refreshAccountSettings start the background account-settings refresh for the new accounts
     */
    public ImportReport importTokens(
            List<TokenImport> entries, TokenPool defaultPool, boolean preview, boolean refreshAccountSettings) {
        Objects.requireNonNull(defaultPool, "defaultPool");
        Instant now = clock.instant();
        Parsed parsed = parse(entries, defaultPool, now);
        List<String> added;
        if (preview) {
            Set<String> stored = existing(parsed.accounts.keySet());
            added = parsed.accounts.keySet().stream()
                    .filter(t -> !stored.contains(t))
                    .toList();
        } else {
            added = store.insertIfAbsent(parsed.accounts.values());
            if (!added.isEmpty()) {
                listener.changed(added);
            }
        }
        Set<String> addedSet = new HashSet<>(added);
        List<String> existingSample = parsed.accounts.keySet().stream()
                .filter(t -> !addedSet.contains(t))
                .limit(SAMPLE_SIZE)
                .map(Secrets::mask)
                .toList();
        Job job = !preview && refreshAccountSettings && !added.isEmpty()
                ? refreshJobs.refreshAccountSettings(added, refreshJobs.accountSettingsDefaults(), false)
                : null;
        return new ImportReport(
                !preview,
                added,
                parsed.accounts.size() - added.size(),
                parsed.duplicates,
                parsed.blank,
                parsed.rejected,
                existingSample,
                parsed.duplicateSample,
                job);
    }

    private Set<String> existing(Collection<String> tokens) {
        Set<String> found = new HashSet<>();
        if (tokens.size() <= LOOKUP_LIMIT) {
            for (String token : tokens) {
                store.find(token).ifPresent(t -> found.add(t.token()));
            }
            return found;
        }
        for (GrokToken token : store.listAll()) {
            if (tokens.contains(token.token())) {
                found.add(token.token());
            }
        }
        return found;
    }

    /** Normalised, validated, de-duplicated entries. */
    private static final class Parsed {
        final Map<String, GrokToken> accounts = new LinkedHashMap<>();
        final List<Rejected> rejected = new ArrayList<>();
        final List<String> duplicateSample = new ArrayList<>();
        int duplicates;
        int blank;
    }

    private static Parsed parse(List<TokenImport> entries, TokenPool defaultPool, Instant now) {
        Parsed parsed = new Parsed();
        for (int i = 0; i < entries.size(); i++) {
            TokenImport entry = entries.get(i);
            if (entry.raw().isBlank()) {
                parsed.blank++;
                continue;
            }
            SsoCredential credential = SsoCredential.parse(entry.raw());
            String problem = problem(credential.sso());
            if (problem != null) {
                parsed.rejected.add(new Rejected(i, problem));
                continue;
            }
            if (parsed.accounts.containsKey(credential.sso())) {
                parsed.duplicates++;
                if (parsed.duplicateSample.size() < SAMPLE_SIZE) {
                    parsed.duplicateSample.add(Secrets.mask(credential.sso()));
                }
                continue;
            }
            parsed.accounts.put(credential.sso(), newAccount(credential, entry, defaultPool, now));
        }
        return parsed;
    }

    /** Why a normalised value cannot be an {@code sso} cookie, or null when it can. */
    private static String problem(String sso) {
        if (sso.length() > MAX_TOKEN_LENGTH) {
            return "longer than " + MAX_TOKEN_LENGTH + " characters";
        }
        for (int i = 0; i < sso.length(); i++) {
            char c = sso.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == ';' || c == ',') {
                return "contains white space, ';' or ',' (paste the value of the sso cookie, sso=<value>, or a whole"
                        + " cookie string that has an sso cookie)";
            }
        }
        return null;
    }

    private static GrokToken newAccount(
            SsoCredential credential, TokenImport entry, TokenPool defaultPool, Instant now) {
        GrokToken fresh = GrokToken.newAccount(credential, entry.pool() != null ? entry.pool() : defaultPool, now);
        return new GrokToken(
                fresh.token(),
                fresh.ssoRw(),
                fresh.pool(),
                entry.status() != null ? entry.status() : fresh.status(),
                entry.quota() != null ? entry.quota() : fresh.quota(),
                entry.heavyQuota() != null ? entry.heavyQuota() : fresh.heavyQuota(),
                0,
                0,
                null,
                null,
                entry.tags() != null ? entry.tags() : fresh.tags(),
                entry.note() != null ? entry.note() : fresh.note(),
                now,
                null,
                null,
                null);
    }

    // ---- the reference's full-map form ----------------------------------------------------------------------

    /**
     * What a full-map save did.
     *
     * @param added accounts newly stored
     * @param updated existing accounts whose operator fields changed
     * @param deleted accounts removed because the map no longer lists them
     * @param rejected entries that are not a usable credential
     * @param accountSettingsJob the background account-settings refresh of the new accounts, or null
     */
    public record MergeReport(
            List<String> added, int updated, int deleted, List<Rejected> rejected, Job accountSettingsJob) {
        public MergeReport {
            added = List.copyOf(added);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * Applies the reference UI's "save everything" form as a merge: new accounts are added with the fields given;
     * for existing accounts only what an operator edits there is applied — pool, note, tags, and switching between
     * disabled and enabled — while the state the server owns (quota, status, counters, cooldowns, timestamps) is kept;
     * accounts the map no longer lists are deleted, as the reference UI deletes through this form.
     *
     * @throws InvalidRequestException when the map lists no account at all while the pool is not empty (a UI that
     *     failed to load must not wipe the pool)
     */
    public MergeReport mergePools(Map<TokenPool, List<TokenImport>> pools) {
        List<TokenImport> entries = new ArrayList<>();
        pools.forEach((pool, items) -> items.forEach(item -> entries.add(item.withPool(pool))));
        Instant now = clock.instant();
        Parsed parsed = parse(entries, TokenPool.BASIC, now);
        Map<String, GrokToken> stored = new HashMap<>();
        for (GrokToken token : store.listAll()) {
            stored.put(token.token(), token);
        }
        if (parsed.accounts.isEmpty() && !stored.isEmpty()) {
            throw new InvalidRequestException(
                    "refusing_to_delete_all",
                    null,
                    "The posted map lists no account, which would delete all " + stored.size() + " accounts. Use"
                            + " POST /api/v1/admin/tokens/delete with the tokens to delete instead.");
        }
        List<GrokToken> fresh = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        int updated = 0;
        Map<String, TokenImport> byToken = new HashMap<>();
        for (TokenImport entry : entries) {
            if (!entry.raw().isBlank()) {
                byToken.putIfAbsent(SsoCredential.parse(entry.raw()).sso(), entry);
            }
        }
        for (GrokToken wanted : parsed.accounts.values()) {
            GrokToken current = stored.get(wanted.token());
            if (current == null) {
                fresh.add(wanted);
                continue;
            }
            TokenEdit edit = operatorEdit(current, wanted, byToken.get(wanted.token()));
            if (!edit.equals(TokenEdit.none())
                    && store.edit(current.token(), edit).isPresent()) {
                updated++;
                changed.add(current.token());
            }
        }
        List<String> added = store.insertIfAbsent(fresh);
        changed.addAll(added);
        List<String> gone = stored.keySet().stream()
                .filter(t -> !parsed.accounts.containsKey(t))
                .toList();
        int deleted = gone.isEmpty() ? 0 : store.delete(gone);
        changed.addAll(gone);
        if (!changed.isEmpty()) {
            listener.changed(changed);
        }
        Job job = added.isEmpty()
                ? null
                : refreshJobs.refreshAccountSettings(added, refreshJobs.accountSettingsDefaults(), false);
        return new MergeReport(added, updated, deleted, parsed.rejected, job);
    }

    /** Only the operator-owned fields that differ. */
    private static TokenEdit operatorEdit(GrokToken current, GrokToken wanted, TokenImport entry) {
        TokenEdit edit = TokenEdit.none();
        if (current.pool() != wanted.pool()) {
            edit = edit.withPool(wanted.pool());
        }
        if (entry.note() != null && !entry.note().equals(current.note())) {
            edit = edit.withNote(entry.note());
        }
        if (entry.tags() != null && !entry.tags().equals(current.tags())) {
            edit = edit.withTags(entry.tags());
        }
        if (entry.status() == TokenStatus.DISABLED && current.status() != TokenStatus.DISABLED) {
            edit = edit.withStatus(TokenStatus.DISABLED);
        } else if (entry.status() == TokenStatus.ACTIVE && current.status() == TokenStatus.DISABLED) {
            edit = edit.withStatus(TokenStatus.ACTIVE);
        }
        return edit;
    }

    // ---- editing and deleting -------------------------------------------------------------------------------

    /**
     * What an edit did.
     *
     * @param updated accounts changed
     * @param missing named tokens that are not stored (masked)
     */
    public record EditReport(int updated, List<String> missing) {
        public EditReport {
            missing = List.copyOf(missing);
        }
    }

    /**
     * Applies one edit to each named account. Clearing the cooldown of a cooling account without naming a status
     * also makes it active, so it is used again at once.
     */
    public EditReport edit(Collection<String> rawTokens, TokenEdit edit) {
        Objects.requireNonNull(edit, "edit");
        int updated = 0;
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String token : normalise(rawTokens)) {
            TokenEdit effective = edit;
            if (edit.clearCooldown() && edit.status() == null) {
                Optional<GrokToken> current = store.find(token);
                if (current.isPresent() && current.get().status() == TokenStatus.COOLING) {
                    effective = edit.withStatus(TokenStatus.ACTIVE);
                }
            }
            if (store.edit(token, effective).isPresent()) {
                updated++;
                changed.add(token);
            } else {
                missing.add(Secrets.mask(token));
            }
        }
        if (!changed.isEmpty()) {
            listener.changed(changed);
        }
        return new EditReport(updated, missing);
    }

    /** Deletes the named accounts; returns how many existed. */
    public int delete(Collection<String> rawTokens) {
        List<String> tokens = normalise(rawTokens);
        int deleted = store.delete(tokens);
        if (deleted > 0) {
            listener.changed(tokens);
        }
        return deleted;
    }

    /**
     * Deletes every invalid account; returns how many. The selection index is not told: invalid accounts are never
     * picked, and its next reload drops them.
     */
    public int deleteInvalid() {
        return store.deleteByStatus(TokenStatus.INVALID);
    }

    /** Normalised {@code sso} values, blanks dropped, duplicates once, in order. */
    public static List<String> normalise(Collection<String> rawTokens) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : rawTokens) {
            if (raw != null && !raw.isBlank()) {
                out.add(SsoCredential.parse(raw).sso());
            }
        }
        return List.copyOf(out);
    }
}
