package dev.grok2api.server.javalin.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Coerces configuration values from files and environment variables to the type of their default. */
public final class ConfigValues {
    private ConfigValues() {}

    /**
     * @param key the {@code section.key}
     * @param value the value read (a string from the environment, a typed value from TOML)
     * @param defaultValue the default, whose type wins
     * @param source where the value came from, for the error message
     * @throws ConfigException when the value cannot be read as the default's type
     */
    public static Object coerce(String key, Object value, Object defaultValue, String source) {
        try {
            return switch (defaultValue) {
                case Boolean ignored -> bool(value);
                case Long ignored -> value instanceof Number n ? n.longValue() : Long.parseLong(text(value));
                case Double ignored -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(text(value));
                case List<?> list -> list(value, list);
                default -> value instanceof String s ? s : String.valueOf(value);
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key + " from " + source + " must be " + describe(defaultValue) + ", got '" + value + "'");
        }
    }

    private static String text(Object value) {
        return String.valueOf(value).trim();
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

    private static List<Object> list(Object value, List<?> defaultList) {
        List<Object> raw = new ArrayList<>();
        if (value instanceof List<?> list) {
            raw.addAll(list);
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
            out.add(numeric ? (item instanceof Number n ? n.longValue() : Long.parseLong(text(item))) : text(item));
        }
        return List.copyOf(out);
    }

    private static String describe(Object defaultValue) {
        return switch (defaultValue) {
            case Boolean ignored -> "true or false";
            case Long ignored -> "a whole number";
            case Double ignored -> "a number";
            case List<?> ignored -> "a list (JSON array or comma-separated)";
            default -> "text";
        };
    }
}
