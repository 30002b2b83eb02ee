package dev.grok2api.core.config;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.port.ConfigStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The live configuration: bundled defaults, then the values stored in the {@link ConfigStore} (shared by every
 * instance; an operator's {@code config.toml} is imported there on the first start), then overrides from the
 * environment. Implements {@link SettingsSource}, so every component that reads
 * {@link #current()} per call sees a change as soon as this instance has loaded it.
 *
 * <p>Instances notice each other's changes through {@link ConfigStore#version()}: the owner calls {@link #refresh()}
 * every second or two (the service starts no thread of its own). Admin edits go through {@link #update}, which
 * validates every key before anything is written.
 *
 * <p>Thread-safe: reads are lock-free (a volatile snapshot); refreshes and updates are serialised.
 */
public final class ConfigService implements SettingsSource {
    /** Keys the admin API may not change, with where to change them instead. */
    private static final Map<String, String> MANAGED_ELSEWHERE = Map.of(
            "app.app_key",
            "app.app_key is the first-start admin password; change the password with POST /api/v1/admin/password"
                    + " (current_password, new_password) instead");

    private final ConfigSchema schema;
    private final ConfigStore store;
    private final Map<String, Override> overrides;
    private final Listener listener;
    private volatile State state;

    /**
     * A value set outside the store, which wins over it and cannot be changed through {@link #update}.
     *
     * @param value the value, already of the key's type
     * @param source where it came from, e.g. {@code GROK2API_GROK_BASE_URL}
     */
    public record Override(Object value, String source) {
        public Override {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Where a key's effective value comes from. */
    public enum Source {
        DEFAULT,
        STORED,
        OVERRIDE
    }

    /**
     * Everything an editor needs to know about one key.
     *
     * @param key the {@code section.key}
     * @param source where the effective value comes from
     * @param overrideSource the environment variable (or other source) of an override, or null
     * @param secret whether the value is shown masked
     * @param readOnly whether {@link #update} refuses changes
     * @param accepts what the key accepts, e.g. {@code a whole number >= 1}
     * @param choices the allowed values, or empty
     */
    public record KeyInfo(
            String key,
            Source source,
            String overrideSource,
            boolean secret,
            boolean readOnly,
            String accepts,
            List<String> choices) {}

    /** Receives what the service does, for logging. Calls arrive on the thread that caused them. */
    public interface Listener {
        /**
         * The effective configuration changed.
         *
         * @param version the store version now in force
         * @param keys the keys whose effective value changed (names only: values may be secret)
         * @param byThisInstance whether {@link #update} on this instance made the change
         */
        void changed(long version, Set<String> keys, boolean byThisInstance);

        /** A stored value was ignored (e.g. of the wrong type after an upgrade); the default applies. */
        void ignored(String key, String reason);
    }

    private record State(Settings settings, Map<String, Object> stored, long version) {}

    private ConfigService(ConfigSchema schema, ConfigStore store, Map<String, Override> overrides, Listener listener) {
        this.schema = schema;
        this.store = store;
        this.overrides = overrides;
        this.listener = listener;
    }

    /**
     * Loads the configuration.
     *
     * @param overrides values that win over the store (environment variables), by key
     * @throws IllegalArgumentException when an override breaks the schema (message names the key)
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the store cannot be reached
     */
    public static ConfigService open(
            ConfigSchema schema, ConfigStore store, Map<String, Override> overrides, Listener listener) {
        Map<String, Override> checkedOverrides = new LinkedHashMap<>();
        overrides.forEach((key, override) ->
                checkedOverrides.put(key, new Override(schema.coerce(key, override.value()), override.source())));
        ConfigService service = new ConfigService(
                schema, Objects.requireNonNull(store, "store"), Map.copyOf(checkedOverrides), listener);
        service.state = service.load();
        return service;
    }

    @java.lang.Override
    public Settings current() {
        return state.settings();
    }

    /** The store version the current snapshot was loaded at. */
    public long version() {
        return state.version();
    }

    /**
     * Reloads when another instance (or this one) changed the store since the last load. Cheap when nothing changed:
     * one version read.
     *
     * @return whether the snapshot changed
     * @throws dev.grok2api.core.error.ServiceUnavailableException when the store cannot be reached (the current
     *     snapshot stays in force)
     */
    public synchronized boolean refresh() {
        if (store.version() == state.version()) {
            return false;
        }
        return swap(load(), false);
    }

    /**
     * Applies an admin edit: a partial {@code {section: {key: value}}} deep-merged into the configuration. Every key
     * is checked before anything is stored; values equal to the effective one, and secrets posted back in their
     * masked form, are left alone.
     *
     * @return the keys that changed, in request order
     * @throws InvalidRequestException naming the key: unknown key, wrong type or value, or a key that is set by the
     *     environment or managed elsewhere
     */
    public synchronized List<String> update(Map<String, ?> sections) {
        Settings current = state.settings();
        Map<String, Object> changes = new LinkedHashMap<>();
        sections.forEach((section, keys) -> {
            if (!(keys instanceof Map<?, ?> values)) {
                throw new InvalidRequestException(
                        "invalid_config_value",
                        section,
                        "Config section '" + section + "' must be an object of key: value pairs.");
            }
            values.forEach((name, value) -> {
                String key = section + "." + name;
                Object coerced = changedValue(key, value, current);
                if (coerced != null) {
                    changes.put(key, coerced);
                }
            });
        });
        if (!changes.isEmpty()) {
            store.merge(changes);
            swap(load(), true);
        }
        return List.copyOf(changes.keySet());
    }

    /** The posted value as it should be stored, or null when it changes nothing. */
    private Object changedValue(String key, Object posted, Settings current) {
        if (!schema.knows(key)) {
            throw new InvalidRequestException(
                    "unknown_config_key",
                    key,
                    "Unknown config key " + key + "; GET /api/v1/admin/config lists every key.");
        }
        Object effective = current.get(key);
        if (schema.isSecret(key) && posted != null && posted.equals(schema.mask(key, effective))) {
            return null;
        }
        Object coerced;
        try {
            coerced = schema.coerce(key, posted);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid_config_value", key, e.getMessage());
        }
        if (coerced.equals(effective)) {
            return null;
        }
        Override override = overrides.get(key);
        if (override != null) {
            throw new InvalidRequestException(
                    "config_key_read_only",
                    key,
                    key + " is set by " + override.source() + " and cannot be changed here; change or unset "
                            + override.source() + " and restart.");
        }
        String elsewhere = MANAGED_ELSEWHERE.get(key);
        if (elsewhere != null) {
            throw new InvalidRequestException("config_key_read_only", key, elsewhere + ".");
        }
        return coerced;
    }

    /** The effective configuration grouped by section, secrets masked: what the admin API shows. */
    public Map<String, Map<String, Object>> view() {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        state.settings()
                .asMap()
                .forEach((key, value) -> sections.computeIfAbsent(ConfigSchema.section(key), s -> new LinkedHashMap<>())
                        .put(key.substring(key.indexOf('.') + 1), schema.mask(key, value)));
        return sections;
    }

    /** What an editor needs to know about every key, in display order. */
    public List<KeyInfo> describe() {
        State current = state;
        List<KeyInfo> keys = new ArrayList<>();
        for (String key : schema.defaults().keySet()) {
            Override override = overrides.get(key);
            Source source = override != null
                    ? Source.OVERRIDE
                    : current.stored().containsKey(key) ? Source.STORED : Source.DEFAULT;
            keys.add(new KeyInfo(
                    key,
                    source,
                    override == null ? null : override.source(),
                    schema.isSecret(key),
                    override != null || MANAGED_ELSEWHERE.containsKey(key),
                    schema.describe(key),
                    schema.choices(key)));
        }
        return keys;
    }

    /** The source of an override of this key (e.g. its environment variable), or null when it is not overridden. */
    public String overrideSource(String key) {
        Override override = overrides.get(key);
        return override == null ? null : override.source();
    }

    private State load() {
        // Version first: values read afterwards are at least that new, so a concurrent change is reloaded next time.
        long version = store.version();
        Map<String, Object> stored = new LinkedHashMap<>();
        store.load().forEach((key, value) -> {
            if (!schema.knows(key)) {
                return; // other records kept in the store (e.g. the admin password hash), or keys of a newer build
            }
            try {
                stored.put(key, schema.coerce(key, value));
            } catch (IllegalArgumentException e) {
                listener.ignored(key, e.getMessage());
            }
        });
        Map<String, Object> effective = new LinkedHashMap<>(schema.defaults());
        effective.putAll(stored);
        overrides.forEach((key, override) -> effective.put(key, override.value()));
        return new State(Settings.of(effective), Map.copyOf(stored), version);
    }

    private boolean swap(State next, boolean byThisInstance) {
        State previous = state;
        if (previous != null && next.version() < previous.version()) {
            return false;
        }
        state = next;
        Set<String> changed = new LinkedHashSet<>();
        next.settings().asMap().forEach((key, value) -> {
            if (previous == null || !value.equals(previous.settings().asMap().get(key))) {
                changed.add(key);
            }
        });
        if (previous != null && !changed.isEmpty()) {
            listener.changed(next.version(), Collections.unmodifiableSet(changed), byThisInstance);
        }
        return !changed.isEmpty();
    }
}
