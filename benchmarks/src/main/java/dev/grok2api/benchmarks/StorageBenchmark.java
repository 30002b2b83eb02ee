package dev.grok2api.benchmarks;

import dev.grok2api.core.model.QuotaBucket;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.QuotaChange;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenChanges;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import dev.grok2api.storage.redis.RedisStorage;
import dev.grok2api.storage.redis.RedisStorageConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two storage figures DESIGN.md asks for, per backend: importing 100,000 tokens, and 10,000 atomic quota
 * decrements ({@code recordSuccess} with {@code Estimated(1)}) on one token; then how another instance catches up
 * with 100 updated accounts through the change feed, as a ratio to reading the whole pool. A plain measurement (bulk
 * operations do not fit JMH's per-invocation model): it prints figures and asserts nothing.
 *
 * <p>SQLite always runs (temp file); PostgreSQL, MySQL/MariaDB and Redis run when their {@code GROK2API_TEST_*}
 * variables are set, each in a throw-away schema, database or key prefix that is removed afterwards. Usage: {@code
 * java -cp benchmarks/target/grok2api-benchmarks.jar dev.grok2api.benchmarks.StorageBenchmark [tokens] [decrements]}.
 */
public final class StorageBenchmark {
    private StorageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int decrements = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("grok2api-bench");
        try (JdbcStorage sqlite = JdbcStorage.open(JdbcStorageConfig.sqlite(dir))) {
            run("sqlite", sqlite.tokenStore(), tokens, decrements);
        }
        String pg = System.getenv("GROK2API_TEST_POSTGRES_URL");
        if (pg != null) {
            execute(pg, "CREATE SCHEMA g2a_bench");
            String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=g2a_bench";
            try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.of(url))) {
                run("postgresql", storage.tokenStore(), tokens, decrements);
            } finally {
                execute(pg, "DROP SCHEMA g2a_bench CASCADE");
            }
        }
        String my = System.getenv("GROK2API_TEST_MYSQL_URL");
        if (my != null) {
            String server = my.replaceFirst("(//[^/]+)/[^?]*", "$1/");
            execute(server, "CREATE DATABASE g2a_bench");
            try (JdbcStorage storage =
                    JdbcStorage.open(JdbcStorageConfig.of(my.replaceFirst("(//[^/]+)/[^?]*", "$1/g2a_bench")))) {
                run("mysql", storage.tokenStore(), tokens, decrements);
            } finally {
                execute(server, "DROP DATABASE g2a_bench");
            }
        }
        String redis = System.getenv("GROK2API_TEST_REDIS_URI");
        if (redis != null) {
            String prefix = "g2a-bench-" + System.nanoTime() + ":";
            try (RedisStorage storage =
                    RedisStorage.open(RedisStorageConfig.of(redis).withKeyPrefix(prefix))) {
                run("redis", storage.stores().tokens(), tokens, decrements);
            } finally {
                RedisClient client = RedisClient.create(redis);
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    List<String> keys = connection.sync().keys(prefix + "*");
                    if (!keys.isEmpty()) {
                        connection.sync().del(keys.toArray(String[]::new));
                    }
                } finally {
                    client.shutdown();
                }
            }
        }
    }

    static void run(String label, TokenStore store, int tokens, int decrements) {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<GrokToken> batch = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            batch.add(GrokToken.newAccount(
                    SsoCredential.parse(String.format("bench-token-%07d-eyJhbGciOiJIUzI1NiJ9.payload", i)),
                    i % 5 == 0 ? TokenPool.SUPER : TokenPool.BASIC,
                    now.plusMillis(i)));
        }
        long start = System.nanoTime();
        int inserted = store.insertIfAbsent(batch).size();
        Duration importTime = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "%s: imported %,d tokens in %,d ms (%,.0f tokens/s)%n",
                label, inserted, importTime.toMillis(), inserted / seconds(importTime));

        String hot = batch.get(0).token();
        store.edit(hot, TokenEdit.none().withQuota(new Quota(decrements + 1, decrements + 1, 0)));
        for (int i = 0; i < 200; i++) { // warm-up: JIT, statement caches, connection pool
            store.recordSuccess(hot, QuotaBucket.NORMAL, new QuotaChange.Estimated(0), now);
        }
        start = System.nanoTime();
        for (int i = 0; i < decrements; i++) {
            store.recordSuccess(hot, QuotaBucket.NORMAL, new QuotaChange.Estimated(1), now);
        }
        Duration decrementTime = Duration.ofNanos(System.nanoTime() - start);
        int remaining = store.find(hot).orElseThrow().quota().remaining();
        System.out.printf(
                "%s: %,d quota decrements in %,d ms (%,.0f/s, %.3f ms each); remaining %d (expected 1)%n",
                label,
                decrements,
                decrementTime.toMillis(),
                decrements / seconds(decrementTime),
                decrementTime.toNanos() / 1e6 / decrements,
                remaining);

        follow(label, store, batch, now);
    }

    /**
     * How another instance catches up after 100 accounts were used: through the change feed, against reading the whole
     * pool as it did before the feed existed (the baseline, in the same run).
     */
    private static void follow(String label, TokenStore store, List<GrokToken> batch, Instant now) {
        int updates = Math.min(100, batch.size() - 1);
        long position = store.changeMarker();
        for (int i = 1; i <= updates; i++) {
            store.recordSuccess(batch.get(i).token(), QuotaBucket.NORMAL, new QuotaChange.Estimated(1), now);
        }
        long feedNanos = Long.MAX_VALUE;
        int followed = 0;
        for (int i = 0; i < 5; i++) { // the best of five: the first runs warm the statement up
            long start = System.nanoTime();
            TokenChanges changes = store.changesSince(position, 500);
            feedNanos = Math.min(feedNanos, System.nanoTime() - start);
            followed = changes.complete() ? changes.changed().size() : -1;
        }
        long start = System.nanoTime();
        int all = store.listAll().size();
        long fullNanos = System.nanoTime() - start;
        System.out.printf(
                "%s: following %d updated accounts: change feed %.2f ms (%d accounts), full read of %,d in %,d ms;"
                        + " feed/full = %.4f%n",
                label, updates, feedNanos / 1e6, followed, all, fullNanos / 1_000_000, (double) feedNanos / fullNanos);
    }

    private static double seconds(Duration d) {
        return Math.max(1, d.toNanos()) / 1e9;
    }

    private static void execute(String url, String sql) throws Exception {
        String driverUrl = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring(11) : url;
        try (Connection c = DriverManager.getConnection(driverUrl);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
