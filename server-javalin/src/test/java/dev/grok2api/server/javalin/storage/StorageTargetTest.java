package dev.grok2api.server.javalin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.storage.jdbc.Dialect;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageTargetTest {
    private static final Path DATA = Path.of("/srv/grok2api/data");

    private static JdbcStorageConfig jdbc(String type, String url) {
        return ((StorageTarget.Jdbc) StorageTarget.resolve(type, url, DATA)).config();
    }

    @Test
    void should_use_an_sqlite_file_in_the_data_dir_when_local_or_unset() {
        assertThat(jdbc("local", "").jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/grok2api/data/grok2api.db");
        assertThat(jdbc(null, null).jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/grok2api/data/grok2api.db");
        assertThat(jdbc("sqlite", "").jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/grok2api/data/grok2api.db");
        assertThat(jdbc("sqlite", "/var/lib/g2a.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/g2a.db");
        assertThat(jdbc("SQLite", "jdbc:sqlite:/x.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/x.db");
    }

    @Test
    void should_translate_the_reference_postgres_url_with_credentials() {
        JdbcStorageConfig config = jdbc("pgsql", "postgresql+asyncpg://grok:p%40ss:w0rd@db.internal:5433/g2a");
        assertThat(config.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/g2a");
        assertThat(config.username()).isEqualTo("grok");
        assertThat(config.password()).isEqualTo("p@ss:w0rd");
        assertThat(jdbc("pgsql", "postgres://u:pw@db/g2a?sslmode=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/g2a?sslmode=require");
    }

    @Test
    void should_translate_the_reference_mysql_url_to_the_mariadb_driver() {
        JdbcStorageConfig config = jdbc("mysql", "mysql+aiomysql://root:secret@mysql:3306/grok2api");
        assertThat(config.dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:mariadb://mysql:3306/grok2api");
        assertThat(config.username()).isEqualTo("root");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(jdbc("mysql", "mysql://m/db").jdbcUrl()).isEqualTo("jdbc:mariadb://m:3306/db");
        assertThat(jdbc("mysql", "jdbc:mysql://m:3306/db?user=a").dialect()).isEqualTo(Dialect.MYSQL);
    }

    @Test
    void should_accept_redis_and_rediss_urls() {
        StorageTarget target = StorageTarget.resolve("redis", "rediss://:hunter2@cache:6380/2", DATA);
        assertThat(target).isInstanceOf(StorageTarget.Redis.class);
        assertThat(target.describe()).contains("rediss://:***@cache:6380/2").doesNotContain("hunter2");
    }

    @Test
    void should_put_redis_keys_under_another_prefix_and_leave_sql_targets_alone() {
        StorageTarget redis = StorageTarget.resolve("redis", "redis://cache:6379/0", DATA);
        StorageTarget sqlite = StorageTarget.resolve("local", "", DATA);

        assertThat(((StorageTarget.Redis) redis.withKeyPrefix("team-b:"))
                        .config()
                        .keyPrefix())
                .isEqualTo("team-b:");
        assertThat(((StorageTarget.Redis) redis).config().keyPrefix()).isEqualTo("grok2api:");
        assertThat(sqlite.withKeyPrefix("team-b:")).isSameAs(sqlite);
    }

    @Test
    void should_mask_the_password_when_describing_a_sql_target() {
        assertThat(StorageTarget.resolve("pgsql", "postgresql+asyncpg://u:hunter2@db:5432/g", DATA)
                        .describe())
                .doesNotContain("hunter2")
                .contains("db:5432/g");
    }

    @Test
    void should_explain_the_fix_when_the_type_or_url_is_wrong() {
        assertThatThrownBy(() -> StorageTarget.resolve("mongo", "", DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("local")
                .hasMessageContaining("pgsql");
        assertThatThrownBy(() -> StorageTarget.resolve("pgsql", "", DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SERVER_STORAGE_URL")
                .hasMessageContaining("postgresql+asyncpg://");
        assertThatThrownBy(() -> StorageTarget.resolve("pgsql", "mysql://u:hunter2@h/db", DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StorageTarget.resolve("mysql", "jdbc:postgresql://h/db", DATA))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> StorageTarget.resolve("redis", "http://h", DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis://");
    }
}
