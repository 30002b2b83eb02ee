package dev.grok2api.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every UI string exists in both languages, every key the pages and scripts name is defined, and every defined key is
 * used (literally, or through a prefix the scripts complete at run time such as {@code `status.${name}`}).
 */
class TranslationsTest {
    private static final Path ROOT = Path.of("src/main/resources", AdminUi.CLASSPATH_ROOT);
    private static final Pattern JSON_KEY = Pattern.compile("^\\s*\"([^\"]+)\"\\s*:", Pattern.MULTILINE);
    private static final String SECTIONS =
            "(?:common|nav|login|tokens|keys|config|cfg|cache|dc|chat|status|jobs|pager|time)";
    /** data-i18n attributes, and quoted literals shaped like keys (t('x.y'), or a key kept in a variable). */
    private static final Pattern USED_KEY = Pattern.compile(
            "data-i18n(?:-placeholder|-title|-aria)?=\"([^\"]+)\"|'(" + SECTIONS + "\\.[A-Za-z0-9_.]+)'");
    /** Template literals completed at run time: `prefix.${…}`. */
    private static final Pattern DYNAMIC_PREFIX = Pattern.compile("`(" + SECTIONS + "\\.[A-Za-z0-9_.]*)\\$\\{");

    private static Set<String> keys(String language) throws IOException {
        String json = Files.readString(ROOT.resolve("assets/i18n/" + language + ".json"), StandardCharsets.UTF_8);
        Set<String> keys = new TreeSet<>();
        Matcher matcher = JSON_KEY.matcher(json);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    private static List<String> sources() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(
                            p -> p.toString().endsWith(".html") || p.toString().endsWith(".js"))
                    .toList()) {
                sources.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return sources;
    }

    private static Set<String> matches(Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String source : sources()) {
            Matcher matcher = pattern.matcher(source);
            while (matcher.find()) {
                found.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
        return found;
    }

    @Test
    void should_define_the_same_keys_in_chinese_and_english() throws IOException {
        Set<String> english = keys("en");
        assertThat(english).isNotEmpty();
        assertThat(keys("zh-CN")).isEqualTo(english);
    }

    @Test
    void should_define_every_key_used_by_pages_and_scripts() throws IOException {
        Set<String> used = matches(USED_KEY);
        assertThat(used).isNotEmpty();
        assertThat(keys("en")).containsAll(used);
    }

    @Test
    void should_use_every_defined_key() throws IOException {
        Set<String> used = matches(USED_KEY);
        Set<String> prefixes = matches(DYNAMIC_PREFIX);
        List<String> unused = keys("en").stream()
                .filter(key -> !used.contains(key) && prefixes.stream().noneMatch(key::startsWith))
                .toList();
        assertThat(unused).as("keys no page or script uses").isEmpty();
    }
}
