package dev.grok2api.server.javalin.storage;

import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.storage.jdbc.Dialect;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import dev.grok2api.storage.redis.RedisStorageConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The backend {@code SERVER_STORAGE_TYPE} and {@code SERVER_STORAGE_URL} select, with the URL translated for our
 * drivers. Accepts JDBC URLs, {@code redis://}/{@code rediss://}, and the reference's SQLAlchemy forms ({@code
 * postgresql+asyncpg://user:pw@host:5432/db}, {@code mysql+aiomysql://user:pw@host:3306/db}, also without the
 * {@code +driver} part).
 */
sealed interface StorageTarget {

    /** The target in words for logs and errors, password masked. */
    String describe();

    /** This target with Redis keys under {@code prefix} ({@code SERVER_STORAGE_KEY_PREFIX}); SQL targets ignore it. */
    default StorageTarget withKeyPrefix(String prefix) {
        return this;
    }

    /** A SQL database. */
    record Jdbc(JdbcStorageConfig config) implements StorageTarget {
        @Override
        public String describe() {
            return config.dialect().name().toLowerCase(Locale.ROOT) + " (" + config.maskedUrl() + ")";
        }
    }

    /** A Redis server. */
    record Redis(RedisStorageConfig config) implements StorageTarget {
        @Override
        public String describe() {
            return "redis (" + config.maskedUri() + ", prefix " + config.keyPrefix() + ")";
        }

        @Override
        public StorageTarget withKeyPrefix(String prefix) {
            return new Redis(config.withKeyPrefix(prefix));
        }
    }

    /**
     * Resolves the environment's choice.
     *
     * @param type {@code local}, {@code sqlite}, {@code pgsql}, {@code mysql} or {@code redis} (case-insensitive)
     * @param url the backend URL, empty for {@code local}
     * @param dataDir where {@code local} (and {@code sqlite} without a URL) keeps its file
     * @throws ConfigException naming the variable and the fix when the type is unknown or the URL unusable
     */
    static StorageTarget resolve(String type, String url, Path dataDir) {
        String kind = type == null || type.isBlank() ? "local" : type.trim().toLowerCase(Locale.ROOT);
        String value = url == null ? "" : url.trim();
        return switch (kind) {
            case "local" -> new Jdbc(JdbcStorageConfig.sqlite(dataDir));
            case "sqlite" -> new Jdbc(value.isEmpty() ? JdbcStorageConfig.sqlite(dataDir) : sqlite(value));
            case "pgsql", "postgres", "postgresql" -> new Jdbc(sql(Dialect.POSTGRESQL, required(kind, value)));
            case "mysql", "mariadb" -> new Jdbc(sql(Dialect.MYSQL, required(kind, value)));
            case "redis" -> new Redis(redis(required(kind, value)));
            default ->
                throw new ConfigException("SERVER_STORAGE_TYPE '" + type
                        + "' is unknown; use local (embedded SQLite in GROK2API_DATA_DIR), sqlite, pgsql, mysql or"
                        + " redis");
        };
    }

    private static String required(String kind, String url) {
        if (url.isEmpty()) {
            String example = switch (kind) {
                case "redis" -> "redis://127.0.0.1:6379/0";
                case "mysql", "mariadb" -> "mysql+aiomysql://user:password@127.0.0.1:3306/grok2api";
                default -> "postgresql+asyncpg://user:password@127.0.0.1:5432/grok2api";
            };
            throw new ConfigException("SERVER_STORAGE_TYPE=" + kind + " needs SERVER_STORAGE_URL, e.g. " + example);
        }
        return url;
    }

    private static JdbcStorageConfig sqlite(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return JdbcStorageConfig.of(url);
        }
        // sqlite:///relative.db, sqlite:////abs/path.db (SQLAlchemy), or a plain file path
        String path = url.replaceFirst("^sqlite(\\+\\w+)?:///", "");
        return JdbcStorageConfig.sqliteFile(Path.of(path));
    }

    private static JdbcStorageConfig sql(Dialect dialect, String url) {
        if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            JdbcStorageConfig config = JdbcStorageConfig.of(url);
            if (config.dialect() != dialect) {
                throw new ConfigException("SERVER_STORAGE_URL " + config.maskedUrl() + " is not a " + dialect
                        + " URL but SERVER_STORAGE_TYPE asks for one");
            }
            return config;
        }
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String base = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        boolean matches = switch (dialect) {
            case POSTGRESQL -> base.equals("postgresql") || base.equals("postgres");
            case MYSQL -> base.equals("mysql") || base.equals("mariadb");
            case SQLITE -> false;
        };
        if (!matches || uri.getHost() == null) {
            throw new ConfigException("SERVER_STORAGE_URL " + Urls.mask(url) + " is not a usable "
                    + dialect + " URL; use e.g. "
                    + (dialect == Dialect.MYSQL
                            ? "mysql+aiomysql://user:password@host:3306/db"
                            : "postgresql+asyncpg://user:password@host:5432/db")
                    + " or a JDBC URL");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : dialect == Dialect.MYSQL ? 3306 : 5432;
        String database = uri.getRawPath() == null ? "" : uri.getRawPath();
        String jdbc = dialect.urlPrefix() + "//" + uri.getHost() + ":" + port + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return JdbcStorageConfig.of(jdbc).withCredentials(user, password);
    }

    private static RedisStorageConfig redis(String url) {
        try {
            return RedisStorageConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SERVER_STORAGE_URL: " + e.getMessage());
        }
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("SERVER_STORAGE_URL " + Urls.mask(url)
                    + " is not a valid URL; percent-encode special characters in the password");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
