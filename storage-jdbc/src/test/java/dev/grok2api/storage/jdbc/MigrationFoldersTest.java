package dev.grok2api.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationFoldersTest {
    private static final Path ROOT = Path.of("src/main/resources/db/migration");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");

    private static List<String> migrations(Dialect dialect) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(dialect.migrationFolder()))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_list_the_same_versions_and_names_when_folders_of_all_dialects_are_compared() throws IOException {
        List<String> sqlite = migrations(Dialect.SQLITE);
        assertThat(sqlite).isNotEmpty();
        for (Dialect dialect : Dialect.values()) {
            assertThat(migrations(dialect)).as(dialect.migrationFolder()).isEqualTo(sqlite);
        }
    }

    @Test
    void should_follow_the_flyway_naming_with_consecutive_versions() throws IOException {
        List<String> names = migrations(Dialect.SQLITE);
        List<Integer> versions = names.stream()
                .map(name -> {
                    Matcher m = NAME.matcher(name);
                    assertThat(m.matches()).as(name).isTrue();
                    return Integer.parseInt(m.group(1));
                })
                .sorted()
                .toList();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1);
        }
    }
}
