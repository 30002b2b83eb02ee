package dev.grok2api.core.config;

import dev.grok2api.core.secret.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every configuration key accepts: its type (that of its default), allowed values or lower bound, and whether it
 * is a secret. One schema serves every layer — a value from a file, the environment or the admin API is coerced and
 * checked the same way, and rejected with a message that names the key and what it accepts.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSchema {
    /** What a secret looks like when its value must not be shown at all (passwords). */
    public static final String HIDDEN = "********";

    private static final Map<String, List<String>> CHOICES = Map.of(
            "grok.thinking_format", List.of("reasoning_content", "think_tags", "hidden"),
            "grok.image_generation_method",
                    List.of("legacy", "imagine_ws_experimental", "imagine_ws", "experimental", "new", "new_method"),
            "app.image_format", List.of("url", "base64", "b64_json"),
            "app.video_format", List.of("url"),
            "register.solver_browser_type", List.of("chromium", "chrome", "msedge", "camoufox"));

    /** Keys whose minimum is 1 (counts, sizes, intervals); every other number must be at least 0. */
    private static final Set<String> AT_LEAST_ONE = Set.of(
            "grok.timeout",
            "grok.first_byte_timeout",
            "grok.idle_timeout",
            "grok.total_timeout",
            "grok.heartbeat_seconds",
            "token.refresh_interval_hours",
            "token.fail_threshold",
            "token.nsfw_refresh_concurrency",
            "cache.limit_mb",
            "performance.assets_max_concurrent",
            "performance.media_max_concurrent",
            "performance.usage_max_concurrent",
            "performance.assets_delete_batch_size",
            "performance.admin_assets_batch_size",
            "app.session_ttl_hours",
            "app.login_max_failures",
            "app.login_lockout_seconds",
            "stats.request_log_retention_days",
            "stats.usage_retention_days");

    private static final Set<String> URLS = Set.of("grok.base_url", "grok.assets_url", "grok.accounts_url");
    private static final Set<String> PROXY_URLS = Set.of("grok.base_proxy_url", "grok.asset_proxy_url");
    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks4", "socks5", "socks5h");

    /** Secrets never shown, not even in part. */
    private static final Set<String> PASSWORDS = Set.of("app.app_key", "register.admin_password");

    /** Secrets shown as {@link Secrets#mask}. */
    private static final Set<String> KEYS = Set.of("app.api_key", "grok.cf_clearance", "register.yescaptcha_key");

    private final Map<String, Object> defaults;

    private ConfigSchema(Map<String, Object> defaults) {
        this.defaults = defaults;
    }

    /**
     * The schema of these defaults: every key they contain, typed like its default value.
     *
     * @param defaults {@code section.key} → default, in display order; copied
     * @throws IllegalArgumentException when a default itself breaks the schema
     */
    public static ConfigSchema of(Map<String, ?> defaults) {
        Map<String, Object> copy = new LinkedHashMap<>(Settings.of(defaults).asMap());
        ConfigSchema schema = new ConfigSchema(Collections.unmodifiableMap(copy));
        copy.forEach(schema::coerce);
        return schema;
    }

    /** Every key with its default, in display order. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** Whether the key exists. */
    public boolean knows(String key) {
        return defaults.containsKey(key);
    }

    /** The section of a {@code section.key}. */
    public static String section(String key) {
        return key.substring(0, key.indexOf('.'));
    }

    /**
     * The value as the key's type, checked against its allowed values or bounds.
     *
     * @param value a value from any layer: typed (TOML, JSON) or text (environment)
     * @return a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or list of those
     * @throws IllegalArgumentException naming the key, what it accepts and what was given; also for unknown keys
     */
    public Object coerce(String key, Object value) {
        Object defaultValue = defaults.get(key);
        if (defaultValue == null) {
            throw new IllegalArgumentException("unknown config key " + key);
        }
        Object typed;
        try {
            typed = coerceType(key, value, defaultValue);
        } catch (IllegalArgumentException e) {
            if (isSecret(key)) {
                // The rejected value may be the secret itself: name only what the key accepts.
                throw new IllegalArgumentException(key + " must be " + describeType(defaultValue), e.getCause());
            }
            throw e;
        }
        check(key, typed);
        return typed;
    }

    /**
     * The value as the type of {@code defaultValue}, without any other check (used where no schema exists yet).
     *
     * @throws IllegalArgumentException naming the key and the expected type
     */
    public static Object coerceType(String key, Object value, Object defaultValue) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be " + describeType(defaultValue) + ", got null");
        }
        try {
            return switch (defaultValue) {
                case Boolean ignored -> bool(value);
                case Long ignored -> wholeNumber(value);
                case Double ignored -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(text(value));
                case List<?> list -> list(value, list);
                default -> {
                    if (value instanceof List<?> || value instanceof Map<?, ?>) {
                        throw new IllegalArgumentException("not text");
                    }
                    yield value instanceof String s ? s : String.valueOf(value);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key + " must be " + describeType(defaultValue) + ", got " + quoted(value), e);
        }
    }

    private void check(String key, Object value) {
        List<String> choices = CHOICES.get(key);
        if (choices != null && !choices.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    key + " must be one of " + String.join(", ", choices) + ", got " + quoted(value));
        }
        if (value instanceof Number number) {
            long minimum = minimum(key);
            if (number.doubleValue() < minimum) {
                throw new IllegalArgumentException(key + " must be at least " + minimum + ", got " + value);
            }
        }
        if (key.equals("grok.retry_status_codes")) {
            for (Object code : (List<?>) value) {
                long status = (Long) code;
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException(key + " must list HTTP statuses (100..599), got " + status);
                }
            }
        }
        if (URLS.contains(key)) {
            checkUrl(key, (String) value, Set.of("http", "https"), false);
        }
        if (PROXY_URLS.contains(key)) {
            checkUrl(key, (String) value, PROXY_SCHEMES, true);
        }
    }

    private void checkUrl(String key, String value, Set<String> schemes, boolean emptyAllowed) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() && emptyAllowed) {
            return;
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (schemes.contains(scheme) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below with the accepted shapes
        }
        throw new IllegalArgumentException(key + " must be " + (emptyAllowed ? "empty or " : "") + "a URL like "
                + String.join("|", schemes.stream().sorted().toList()) + "://host:port, got "
                + quoted(mask(key, value)));
    }

    private long minimum(String key) {
        return AT_LEAST_ONE.contains(key) ? 1 : 0;
    }

    /** The values the key accepts, or an empty list when any value of its type is fine. */
    public List<String> choices(String key) {
        return CHOICES.getOrDefault(key, List.of());
    }

    /** A short description of what the key accepts, e.g. {@code a whole number >= 1}. */
    public String describe(String key) {
        List<String> choices = choices(key);
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        Object defaultValue = defaults.get(key);
        String type = describeType(defaultValue);
        return defaultValue instanceof Number ? type + " >= " + minimum(key) : type;
    }

    private static String describeType(Object defaultValue) {
        return switch (defaultValue) {
            case Boolean ignored -> "true or false";
            case Long ignored -> "a whole number";
            case Double ignored -> "a number";
            case List<?> list
            when !list.isEmpty() && list.get(0) instanceof Long ->
                "a list of whole numbers (JSON array or comma-separated)";
            case List<?> ignored -> "a list (JSON array or comma-separated)";
            default -> "text";
        };
    }

    /** Whether the key holds a secret (passwords, keys, cookies, proxy URLs that may carry a password). */
    public boolean isSecret(String key) {
        return PASSWORDS.contains(key) || KEYS.contains(key) || PROXY_URLS.contains(key);
    }

    /**
     * How a value may be shown: passwords as {@link #HIDDEN}, keys as {@link Secrets#mask}, proxy URLs with their
     * password replaced; every other value unchanged. Empty secrets stay empty, so "not set" remains visible.
     */
    public Object mask(String key, Object value) {
        if (!isSecret(key) || !(value instanceof String text) || text.isEmpty()) {
            return value;
        }
        if (PASSWORDS.contains(key)) {
            return HIDDEN;
        }
        if (PROXY_URLS.contains(key)) {
            return maskUrlPassword(text);
        }
        return Secrets.mask(text);
    }

    private static String maskUrlPassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return url;
        }
        return url.substring(0, scheme + 3) + userInfo.substring(0, colon + 1) + "****" + url.substring(at);
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (text(value).toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Long wholeNumber(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        double d = value instanceof Number n ? n.doubleValue() : Double.parseDouble(text(value));
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not whole");
        }
        return (long) d;
    }

    private static List<Object> list(Object value, List<?> defaultList) {
        List<Object> raw = new ArrayList<>();
        if (value instanceof List<?> list) {
            raw.addAll(list);
        } else if (value instanceof Map<?, ?> || value instanceof Boolean) {
            throw new IllegalArgumentException("not a list");
        } else {
            String text = text(value);
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            for (String part : text.split(",")) {
                String item = part.trim();
                if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
                    item = item.substring(1, item.length() - 1);
                }
                if (!item.isEmpty()) {
                    raw.add(item);
                }
            }
        }
        boolean numeric = !defaultList.isEmpty() && defaultList.get(0) instanceof Long;
        List<Object> out = new ArrayList<>(raw.size());
        for (Object item : raw) {
            if (item instanceof List<?> || item instanceof Map<?, ?> || item == null) {
                throw new IllegalArgumentException("nested value");
            }
            out.add(numeric ? wholeNumber(item) : text(item));
        }
        return List.copyOf(out);
    }

    private static String text(Object value) {
        return String.valueOf(value).trim();
    }

    private static String quoted(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
