package dev.grok2api.core.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes stored configuration values as JSON text and back: strings, whole numbers ({@link Long}), decimals
 * ({@link Double}), booleans and lists of those. It is the subset the reference's stores use for values (Redis hash
 * fields, SQL {@code value} columns, {@code config.toml} lists), so data written by either side reads back alike.
 *
 * <p>Round-trips are exact: {@code decode(encode(v)).equals(v)} for every supported value, with {@link Integer} and
 * {@link Float} normalised to {@link Long} and {@link Double}. Thread-safe (stateless).
 */
public final class ConfigValueCodec {
    private ConfigValueCodec() {}

    /**
     * The JSON text of a value.
     *
     * @throws IllegalArgumentException for null, an unsupported type, or a non-finite decimal
     */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * The value of JSON text produced by {@link #encode} (or any JSON within the subset; surrounding white space is
     * allowed).
     *
     * @throws IllegalArgumentException when the text is not valid JSON of the subset (objects and null are not)
     */
    public static Object decode(String json) {
        Parser parser = new Parser(json);
        Object value = parser.value();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> throw new IllegalArgumentException("config values must not be null");
            case String s -> writeString(s, out);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i.longValue());
            case Double d -> writeDecimal(d, out);
            case Float f -> writeDecimal(f.doubleValue(), out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default ->
                throw new IllegalArgumentException("unsupported config value type "
                        + value.getClass().getName() + "; use String, Long, Double, Boolean or a List of those");
        }
    }

    private static void writeDecimal(double d, StringBuilder out) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("config decimals must be finite, got " + d);
        }
        // Double.toString always has a '.' or an exponent, so the value reads back as a decimal, not a whole number.
        out.append(Double.toString(d));
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            if (text == null) {
                throw new IllegalArgumentException("config value text must not be null");
            }
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "invalid config value JSON at offset " + pos + ": " + what + " in '" + abbreviate() + "'");
        }

        private String abbreviate() {
            return text.length() <= 80 ? text : text.substring(0, 77) + "...";
        }

        Object value() {
            skipSpace();
            if (atEnd()) {
                throw error("a value is missing");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '"' -> string();
                case '[' -> list();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unsupported value starting with '" + c + "'");
                }
            };
        }

        private Object literal(String word, Boolean value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private List<Object> list() {
            pos++; // '['
            List<Object> items = new ArrayList<>();
            skipSpace();
            if (!atEnd() && text.charAt(pos) == ']') {
                pos++;
                return List.copyOf(items);
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (atEnd()) {
                    throw error("unterminated list");
                }
                char c = text.charAt(pos++);
                if (c == ']') {
                    return List.copyOf(items);
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private Object number() {
            int start = pos;
            boolean decimal = false;
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (c == '.' || c == 'e' || c == 'E') {
                    decimal = true;
                } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                    break;
                }
                pos++;
            }
            String literal = text.substring(start, pos);
            try {
                return decimal ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number '" + literal + "'");
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (atEnd()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short unicode escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("malformed unicode escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("unknown escape '\\" + e + "'");
                }
            }
        }
    }
}
