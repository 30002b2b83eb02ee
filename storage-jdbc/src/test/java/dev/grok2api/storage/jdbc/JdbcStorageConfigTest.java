package dev.grok2api.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcStorageConfigTest {

    @Test
    void should_detect_the_dialect_when_given_a_jdbc_url() {
        assertThat(JdbcStorageConfig.of("jdbc:sqlite:/tmp/x.db").dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(JdbcStorageConfig.of("jdbc:postgresql://h/db").dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(JdbcStorageConfig.of("jdbc:mariadb://h/db").dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(JdbcStorageConfig.of("jdbc:mysql://h/db").driverUrl()).isEqualTo("jdbc:mariadb://h/db");
    }

    @Test
    void should_reject_an_unknown_url_naming_the_supported_prefixes() {
        assertThatThrownBy(() -> JdbcStorageConfig.of("jdbc:h2:mem:x?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void should_mask_passwords_when_printed() {
        JdbcStorageConfig config = JdbcStorageConfig.of("jdbc:postgresql://db:5432/g?user=u&password=hunter2")
                .withCredentials("u", "s3cret");
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(config.maskedUrl()).isEqualTo("jdbc:postgresql://db:5432/g?user=u&password=***");
        assertThat(JdbcStorageConfig.maskUrl("jdbc:mariadb://u:pw@h/db")).isEqualTo("jdbc:mariadb://u:***@h/db");
    }
}
