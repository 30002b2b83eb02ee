package dev.grok2api.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every UI string exists in both languages, and every key the pages and scripts use is defined. */
class TranslationsTest {
    private static final Path ROOT = Path.of("src/main/resources", AdminUi.CLASSPATH_ROOT);
    private static final Pattern JSON_KEY = Pattern.compile("^\\s*\"([^\"]+)\"\\s*:", Pattern.MULTILINE);
    private static final Pattern USED_KEY =
            Pattern.compile("data-i18n(?:-placeholder|-title|-aria)?=\"([^\"]+)\"|\\bt\\('([^']+)'");

    private static Set<String> keys(String language) throws IOException {
        String json = Files.readString(ROOT.resolve("assets/i18n/" + language + ".json"), StandardCharsets.UTF_8);
        Set<String> keys = new TreeSet<>();
        Matcher matcher = JSON_KEY.matcher(json);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    @Test
    void should_define_the_same_keys_in_chinese_and_english() throws IOException {
        Set<String> english = keys("en");
        assertThat(english).isNotEmpty();
        assertThat(keys("zh-CN")).isEqualTo(english);
    }

    @Test
    void should_define_every_key_used_by_pages_and_scripts() throws IOException {
        Set<String> defined = keys("en");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(
                            p -> p.toString().endsWith(".html") || p.toString().endsWith(".js"))
                    .toList()) {
                Matcher matcher = USED_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    used.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(defined).containsAll(used);
    }
}
