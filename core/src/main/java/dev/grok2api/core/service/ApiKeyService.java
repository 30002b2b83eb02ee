package dev.grok2api.core.service;

import dev.grok2api.core.admin.AdminCredentials;
import dev.grok2api.core.apikey.ApiKey;
import dev.grok2api.core.apikey.ApiKeyEdit;
import dev.grok2api.core.apikey.ApiKeyPage;
import dev.grok2api.core.apikey.ApiKeyQuery;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.apikey.CreatedApiKey;
import dev.grok2api.core.apikey.KeyUsage;
import dev.grok2api.core.apikey.NewApiKey;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.AuthenticationException;
import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.port.ApiKeyStore;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.secret.Secrets;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.QuotaDay;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Client API keys: the operator's key management and the per-request authentication of {@code /v1}.
 *
 * <p>Authentication accepts the global key {@code app.api_key} (compared in constant time), or a managed key that is
 * enabled and not expired (looked up by hash). With no global key and no enabled managed key the API is open, as in
 * the reference; whether an enabled key exists is cached for {@link #OPEN_MODE_CACHE} so open mode costs no query per
 * request. Keys may be named by id or by the key itself wherever the admin API names one.
 *
 * <p>Thread-safe.
 */
public final class ApiKeyService {
    /** How long "is any managed key enabled?" is cached (other instances' changes apply within this time). */
    public static final Duration OPEN_MODE_CACHE = Duration.ofSeconds(2);

    /** Most keys one batch may create. */
    public static final int MAX_BATCH = 100;

    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_KEY_LENGTH = 256;

    private final ApiKeyStore keys;
    private final UsageStore usage;
    private final ModelCatalog catalog;
    private final QuotaDay quotaDay;
    private final SettingsSource settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private volatile OpenModeCheck openMode;

    private record OpenModeCheck(boolean anyEnabled, Instant checkedAt) {}

    /**
     * A page of keys with today's usage.
     *
     * @param items keys on the page, newest first
     * @param total keys matching the query
     * @param day the quota day of the usage figures
     */
    public record Listing(List<KeyUsage> items, long total, LocalDate day) {
        public Listing {
            items = List.copyOf(items);
        }
    }

    public ApiKeyService(
            ApiKeyStore keys,
            UsageStore usage,
            ModelCatalog catalog,
            QuotaDay quotaDay,
            SettingsSource settings,
            InstantSource clock,
            RandomGenerator random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.quotaDay = Objects.requireNonNull(quotaDay, "quotaDay");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Authenticates a {@code /v1} caller.
     *
     * @param bearer the bearer token, or null when none was sent
     * @throws AuthenticationException when a key is required and the bearer is missing, unknown, disabled or
     *     expired
     */
    public ClientIdentity authenticate(String bearer) {
        String global = settings.current().app().apiKey();
        Instant now = clock.instant();
        Optional<ApiKey> managed = Optional.empty();
        if (bearer != null) {
            if (!global.isEmpty() && AdminCredentials.constantTimeEquals(bearer, global)) {
                return ClientIdentity.GLOBAL;
            }
            managed = keys.findByHash(ApiKey.hashOf(bearer));
            if (managed.isPresent() && managed.get().usableAt(now)) {
                return ClientIdentity.managed(managed.get());
            }
        }
        if (global.isEmpty() && !anyEnabled(now)) {
            return ClientIdentity.OPEN;
        }
        if (bearer == null) {
            throw AuthenticationException.missingApiKey();
        }
        if (managed.isPresent()) {
            ApiKey key = managed.get();
            throw new AuthenticationException(
                    "invalid_api_key",
                    key.enabled()
                            ? "Invalid authentication token: the API key expired at " + key.expiresAt()
                                    + "; ask the operator for a new key."
                            : "Invalid authentication token: the API key is disabled; ask the operator to enable it.");
        }
        throw AuthenticationException.invalidApiKey();
    }

    /**
     * Whether the bearer is a client key, global or managed (usable or not): lets the admin API explain why it
     * refuses one.
     */
    public boolean recognizes(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return false;
        }
        String global = settings.current().app().apiKey();
        return (!global.isEmpty() && AdminCredentials.constantTimeEquals(bearer, global))
                || keys.findByHash(ApiKey.hashOf(bearer)).isPresent();
    }

    private boolean anyEnabled(Instant now) {
        OpenModeCheck check = openMode;
        if (check == null || !now.isBefore(check.checkedAt().plus(OPEN_MODE_CACHE))) {
            check = new OpenModeCheck(
                    keys.list(new ApiKeyQuery(null, true, 0, 1)).total() > 0, now);
            openMode = check;
        }
        return check.anyEnabled();
    }

    /**
     * Creates a key.
     *
     * @return the record and the key itself (shown once)
     * @throws InvalidRequestException {@code key_exists} when the key is taken, or for an invalid field
     */
    public CreatedApiKey create(NewApiKey spec) {
        String raw = spec.rawKey() == null || spec.rawKey().isBlank()
                ? generateKey()
                : spec.rawKey().trim();
        if (raw.length() > MAX_KEY_LENGTH || raw.chars().anyMatch(Character::isWhitespace)) {
            throw InvalidRequestException.invalidValue(
                    "key", "A custom key must have at most " + MAX_KEY_LENGTH + " characters and no spaces.");
        }
        String name = spec.name() == null || spec.name().isBlank()
                ? "key-" + randomText(6)
                : spec.name().trim();
        validate(name, spec.allowedModels());
        String global = settings.current().app().apiKey();
        ApiKey key = new ApiKey(
                "k_" + HexFormat.of().formatHex(randomBytes(8)),
                ApiKey.hashOf(raw),
                Secrets.mask(raw),
                name,
                spec.enabled(),
                clock.instant(),
                spec.expiresAt(),
                spec.limits(),
                spec.allowedModels(),
                spec.requestsPerMinute(),
                spec.maxConcurrency());
        if (raw.equals(global) || !keys.create(key)) {
            throw new InvalidRequestException("key_exists", "key", "Key already exists");
        }
        openMode = null;
        return new CreatedApiKey(key, raw);
    }

    /**
     * Creates {@code count} keys named {@code prefix-1} … {@code prefix-count}, each with a generated value and the
     * template's other settings.
     *
     * @throws InvalidRequestException when count is outside 1..{@value #MAX_BATCH}
     */
    public List<CreatedApiKey> createBatch(String prefix, int count, NewApiKey template) {
        if (count < 1 || count > MAX_BATCH) {
            throw InvalidRequestException.invalidValue("count", "count must be 1.." + MAX_BATCH + ", got " + count);
        }
        String base = prefix == null || prefix.isBlank() ? "key" : prefix.trim();
        List<CreatedApiKey> created = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            created.add(create(template.withRawKey(null).withName(base + "-" + i)));
        }
        return created;
    }

    /**
     * The key named by {@code ref}.
     *
     * @param ref the key's id, or the key itself
     * @throws NotFoundException when no key matches
     */
    public ApiKey get(String ref) {
        return resolve(ref);
    }

    /**
     * Edits a key.
     *
     * @param ref the key's id, or the key itself
     * @throws NotFoundException when no key matches
     */
    public ApiKey update(String ref, ApiKeyEdit edit) {
        ApiKey key = resolve(ref);
        validate(edit.name() == null ? key.name() : edit.name().trim(), edit.allowedModels());
        ApiKeyEdit trimmed = edit.name() == null || edit.name().isBlank()
                ? edit.withName(null)
                : edit.withName(edit.name().trim());
        ApiKey updated = keys.update(key.id(), trimmed).orElseThrow(() -> notFound(ref));
        openMode = null;
        return updated;
    }

    /**
     * Deletes a key.
     *
     * @param ref the key's id, or the key itself
     * @throws NotFoundException when no key matches
     */
    public void delete(String ref) {
        if (!keys.delete(resolve(ref).id())) {
            throw notFound(ref);
        }
        openMode = null;
    }

    /**
     * Deletes several keys; unknown ones are skipped.
     *
     * @return how many were deleted
     */
    public int deleteAll(Collection<String> refs) {
        int deleted = 0;
        for (String ref : new LinkedHashSet<>(refs)) {
            Optional<ApiKey> key = find(ref);
            if (key.isPresent() && keys.delete(key.get().id())) {
                deleted++;
            }
        }
        openMode = null;
        return deleted;
    }

    /** A page of keys with their usage on the current quota day. */
    public Listing list(ApiKeyQuery query) {
        ApiKeyPage page = keys.list(query);
        LocalDate day = quotaDay.dayOf(clock.instant());
        Map<String, DailyUsage> used =
                usage.usageOn(day, page.items().stream().map(ApiKey::id).toList());
        List<KeyUsage> items = new ArrayList<>(page.items().size());
        for (ApiKey key : page.items()) {
            items.add(new KeyUsage(key, used.getOrDefault(key.id(), DailyUsage.zero(key.id(), day))));
        }
        return new Listing(items, page.total(), day);
    }

    private ApiKey resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidRequestException("missing_key", "key", "Missing key");
        }
        return find(ref).orElseThrow(() -> notFound(ref));
    }

    private Optional<ApiKey> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        String trimmed = ref.trim();
        Optional<ApiKey> byId = keys.find(trimmed);
        return byId.isPresent() ? byId : keys.findByHash(ApiKey.hashOf(trimmed));
    }

    private void validate(String name, List<String> allowedModels) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw InvalidRequestException.invalidValue(
                    "name", "A key name must have at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (allowedModels != null) {
            for (String model : allowedModels) {
                if (catalog.find(model).isEmpty()) {
                    throw InvalidRequestException.invalidValue(
                            "allowed_models", "Unknown model '" + model + "'; GET /v1/models lists the model ids.");
                }
            }
        }
    }

    private static NotFoundException notFound(String ref) {
        return new NotFoundException("key_not_found", "Key not found: " + Secrets.mask(ref));
    }

    private String generateKey() {
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
    }

    private String randomText(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
