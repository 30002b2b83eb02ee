package dev.grok2api.server.javalin.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads the configuration layers: the bundled {@code config.defaults.toml}, an operator's {@code config.toml}, and
 * {@code GROK2API_<SECTION>_<KEY>} environment overrides. Only keys that exist in the defaults are accepted from the
 * other layers; values are coerced to the type of the default, and a value that cannot be is an error naming the key
 * and the source.
 */
public final class ConfigLoader {
    private static final String DEFAULTS_RESOURCE = "/dev/grok2api/server/javalin/config.defaults.toml";

    private ConfigLoader() {}

    /** The bundled defaults, {@code section.key} → value, in file order. */
    public static Map<String, Object> defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("config.defaults.toml is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "config.defaults.toml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a TOML file's known keys, coerced to the defaults' types.
     *
     * @return {@code section.key} → value; empty when the file does not exist
     * @throws ConfigException when the file is not valid TOML or a value has the wrong type
     */
    public static Map<String, Object> readFile(Path file, Map<String, Object> defaults) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        parse(text, file.toString()).forEach((key, value) -> {
            if (defaults.containsKey(key)) {
                values.put(key, ConfigValues.coerce(key, value, defaults.get(key), file.toString()));
            }
        });
        return values;
    }

    /**
     * The {@code GROK2API_<SECTION>_<KEY>} overrides present in {@code env}, coerced to the defaults' types.
     *
     * @throws ConfigException naming the variable when a value cannot be coerced
     */
    public static Map<String, Object> environmentOverrides(Map<String, String> env, Map<String, Object> defaults) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : defaults.entrySet()) {
            String variable = environmentName(entry.getKey());
            String raw = env.get(variable);
            if (raw != null) {
                values.put(entry.getKey(), ConfigValues.coerce(entry.getKey(), raw, entry.getValue(), variable));
            }
        }
        return values;
    }

    /** The environment variable that overrides a key: {@code grok.base_url} → {@code GROK2API_GROK_BASE_URL}. */
    public static String environmentName(String key) {
        return "GROK2API_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> parse(String text, String source) {
        TomlParseResult result = Toml.parse(text);
        if (result.hasErrors()) {
            throw new ConfigException(
                    "Invalid TOML in " + source + ": " + result.errors().get(0));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String section : result.keySet()) {
            if (!(result.get(List.of(section)) instanceof TomlTable table)) {
                continue;
            }
            for (String key : table.keySet()) {
                flat.put(section + "." + key, plain(table.get(List.of(key))));
            }
        }
        return flat;
    }

    private static Object plain(Object value) {
        if (value instanceof TomlArray array) {
            List<Object> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                items.add(plain(array.get(i)));
            }
            return items;
        }
        if (value instanceof TomlTable table) {
            return table.toMap();
        }
        return value;
    }
}
