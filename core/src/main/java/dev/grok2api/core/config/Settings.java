package dev.grok2api.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable snapshot of the effective configuration: every key as {@code section.key}, after layering defaults,
 * stored values and environment overrides. Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}
 * or {@link List} of those.
 *
 * <p>Typed views ({@link #grok()}, {@link #app()}) are built once per snapshot, so hot paths read plain record
 * fields. Thread-safe; a configuration change produces a new snapshot rather than mutating this one.
 */
public final class Settings {
    private final Map<String, Object> values;
    private volatile GrokSettings grok;
    private volatile AppSettings app;

    private Settings(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A snapshot of these values.
     *
     * @param values {@code section.key} → value; copied
     * @throws IllegalArgumentException if a key has no section or a value has an unsupported type
     */
    public static Settings of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.indexOf('.') <= 0) {
                throw new IllegalArgumentException("config key must be section.key: " + key);
            }
            copy.put(key, normalize(key, value));
        });
        return new Settings(Collections.unmodifiableMap(copy));
    }

    private static Object normalize(String key, Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("config value of " + key + " is null");
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Double d -> d;
            case Float f -> f.doubleValue();
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(normalize(key, item));
                }
                yield List.copyOf(items);
            }
            default ->
                throw new IllegalArgumentException("config value of " + key + " has unsupported type "
                        + value.getClass().getSimpleName());
        };
    }

    /** A new snapshot with these keys replaced or added. */
    public Settings with(Map<String, ?> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return of(merged);
    }

    /** All keys and values, {@code section.key} → value, in definition order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether the key exists. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The raw value.
     *
     * @throws IllegalArgumentException when the key does not exist
     */
    public Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown config key " + key);
        }
        return value;
    }

    /** The value as text; numbers and booleans are rendered. */
    public String string(String key) {
        Object value = get(key);
        return value instanceof List<?> ? String.join(",", strings(key)) : String.valueOf(value);
    }

    /**
     * The value as a whole number; numeric strings are accepted.
     *
     * @throws IllegalArgumentException when it is not a number
     */
    public long longValue(String key) {
        Object value = get(key);
        return switch (value) {
            case Long l -> l;
            case Double d -> (long) d.doubleValue();
            case String s -> parseLong(key, s);
            default -> throw new IllegalArgumentException(key + " must be a number, got " + value);
        };
    }

    /** The value as an int, see {@link #longValue}. */
    public int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }

    /** The value as a decimal; numeric strings are accepted. */
    public double doubleValue(String key) {
        Object value = get(key);
        return switch (value) {
            case Long l -> l;
            case Double d -> d;
            case String s -> {
                try {
                    yield Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + " must be a number, got '" + s + "'", e);
                }
            }
            default -> throw new IllegalArgumentException(key + " must be a number, got " + value);
        };
    }

    /** The value as a boolean; the strings {@code true}/{@code false}/{@code 1}/{@code 0} are accepted. */
    public boolean bool(String key) {
        Object value = get(key);
        return switch (value) {
            case Boolean b -> b;
            case Long l -> l != 0;
            case String s ->
                switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "1", "yes", "on" -> true;
                    case "false", "0", "no", "off", "" -> false;
                    default -> throw new IllegalArgumentException(key + " must be true or false, got '" + s + "'");
                };
            default -> throw new IllegalArgumentException(key + " must be true or false, got " + value);
        };
    }

    /** The value as a list of strings; a comma-separated string is split. */
    public List<String> strings(String key) {
        Object value = get(key);
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(String.valueOf(item)));
            return List.copyOf(out);
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    /** The value as a list of ints. */
    public List<Integer> ints(String key) {
        List<Integer> out = new ArrayList<>();
        for (String item : strings(key)) {
            out.add(Math.toIntExact(parseLong(key, item)));
        }
        return List.copyOf(out);
    }

    private static long parseLong(String key, String text) {
        String trimmed = text.trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(trimmed);
            } catch (NumberFormatException e2) {
                throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
            }
        }
    }

    /** The {@code grok.*} section as a typed record. */
    public GrokSettings grok() {
        GrokSettings view = grok;
        if (view == null) {
            view = GrokSettings.from(this);
            grok = view;
        }
        return view;
    }

    /** The {@code app.*} section as a typed record. */
    public AppSettings app() {
        AppSettings view = app;
        if (view == null) {
            view = AppSettings.from(this);
            app = view;
        }
        return view;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "Settings[" + values.size() + " keys]";
    }
}
