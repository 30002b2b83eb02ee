package dev.grok2api.benchmarks;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.port.TokenRefresher;
import dev.grok2api.core.port.TokenStore;
import dev.grok2api.core.service.JobService;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.core.token.AccountSettingsResult;
import dev.grok2api.core.token.QuotaRefreshResult;
import dev.grok2api.core.token.TokenChangeListener;
import dev.grok2api.core.token.TokenImport;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.storage.jdbc.JdbcStorage;
import dev.grok2api.storage.jdbc.JdbcStorageConfig;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The admin import of 100,000 pasted tokens (one per line, some with {@code sso=} prefixes and duplicates) through
 * {@link TokenAdminService#importTokens} into a fresh SQLite store, against the same import into the in-memory store
 * measured in the same run (the baseline: parsing, normalising and de-duplicating without any storage). Each is run
 * three times after one warm-up; the best time is printed with the ratio. A plain measurement (a bulk operation does
 * not fit JMH's per-invocation model): it prints figures and asserts nothing. Usage: {@code java -cp
 * benchmarks/target/grok2api-benchmarks.jar dev.grok2api.benchmarks.TokenImportBenchmark [tokens]}.
 */
public final class TokenImportBenchmark {
    private static final int RUNS = 3;

    private TokenImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<TokenImport> pasted = pasted(tokens);
        long memory = Long.MAX_VALUE;
        long sqlite = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            long inMemory = timeImport(new InMemoryTokenStore(), pasted, tokens);
            Path dir = Files.createTempDirectory("grok2api-import-bench");
            long onDisk;
            try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.sqlite(dir))) {
                onDisk = timeImport(storage.tokenStore(), pasted, tokens);
            }
            if (run > 0) {
                memory = Math.min(memory, inMemory);
                sqlite = Math.min(sqlite, onDisk);
            }
        }
        System.out.printf(
                "import of %,d tokens: sqlite %,d ms, in-memory baseline %,d ms, ratio %.1f%n",
                tokens, sqlite / 1_000_000, memory / 1_000_000, (double) sqlite / memory);
    }

    /** What an operator pastes: every tenth line with {@code sso=}, one line in fifty a duplicate. */
    private static List<TokenImport> pasted(int tokens) {
        SplittableRandom random = new SplittableRandom(7);
        List<TokenImport> lines = new ArrayList<>(tokens + tokens / 50);
        for (int i = 0; i < tokens; i++) {
            String value =
                    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.import-" + i + "." + Long.toHexString(random.nextLong());
            lines.add(TokenImport.of(i % 10 == 0 ? "sso=" + value : value));
            if (i % 50 == 0) {
                lines.add(TokenImport.of(value));
            }
        }
        return lines;
    }

    private static long timeImport(TokenStore store, List<TokenImport> pasted, int expected) {
        TokenRefresher unused = new TokenRefresher() {
            @Override
            public QuotaRefreshResult refreshQuota(String token) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AccountSettingsResult refreshAccountSettings(String token, int retries) {
                throw new UnsupportedOperationException();
            }
        };
        TokenRefreshJobs jobs = new TokenRefreshJobs(
                new JobService(Runnable::run, InstantSource.system(), new SplittableRandom(1)),
                unused,
                SettingsSource.fixed(Settings.of(Map.of())));
        TokenAdminService admin = new TokenAdminService(store, jobs, TokenChangeListener.NONE, InstantSource.system());
        long start = System.nanoTime();
        TokenAdminService.ImportReport report = admin.importTokens(pasted, TokenPool.BASIC, false, false);
        long elapsed = System.nanoTime() - start;
        if (report.added().size() != expected) {
            throw new IllegalStateException("imported " + report.added().size() + " of " + expected);
        }
        return elapsed;
    }
}
