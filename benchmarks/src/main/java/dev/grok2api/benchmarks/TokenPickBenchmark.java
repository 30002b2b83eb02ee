package dev.grok2api.benchmarks;

import dev.grok2api.core.config.Settings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenFailure;
import dev.grok2api.core.token.TokenLease;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import dev.grok2api.testkit.fake.InMemoryTokenStore;
import dev.grok2api.token.pool.IndexedTokenSelector;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of picking an account with {@link IndexedTokenSelector} for pools of 1,000, 10,000 and 100,000 accounts
 * (quotas spread over 1..80, a tenth cooling down, a twentieth invalid), against a baseline measured in the same run:
 * one {@code HashMap} lookup of a token among as many. Read the p50 of {@code pick} and {@code pickSticky} as a ratio
 * to {@code baselineHashMapLookup}. Run: {@code java -jar benchmarks/target/grok2api-benchmarks.jar TokenPick}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenPickBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final int CONVERSATIONS = 1024;

    @Param({"1000", "10000", "100000"})
    int accounts;

    private IndexedTokenSelector selector;
    private TokenRequest anonymous;
    private TokenRequest[] conversations;
    private Map<String, GrokToken> byToken;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void fillPool() {
        SplittableRandom random = new SplittableRandom(2026);
        InMemoryTokenStore store = new InMemoryTokenStore();
        List<GrokToken> all = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            all.add(GrokToken.newAccount(
                    SsoCredential.parse("sso-bench-" + i), i % 3 == 0 ? TokenPool.SUPER : TokenPool.BASIC, NOW));
        }
        store.insertIfAbsent(all);
        for (int i = 0; i < accounts; i++) {
            String token = "sso-bench-" + i;
            store.edit(token, TokenEdit.none().withQuota(new Quota(1 + random.nextInt(80), 80, 72_000)));
            if (i % 10 == 1) {
                store.coolDown(token, NOW.plusSeconds(3600), new TokenFailure("upstream_rate_limited", "429", NOW));
            } else if (i % 20 == 2) {
                store.edit(token, TokenEdit.none().withStatus(TokenStatus.INVALID));
            }
        }
        selector = IndexedTokenSelector.builder(
                        store, new FakeGrokUpstream(), SettingsSource.fixed(Settings.of(Map.of())))
                .clock(InstantSource.fixed(NOW))
                .executor(Runnable::run)
                .build();
        ModelSpec model = ModelCatalog.standard().find("grok-4.1-fast").orElseThrow();
        anonymous = new TokenRequest(model, Set.of(), null);
        conversations = new TokenRequest[CONVERSATIONS];
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations[i] = new TokenRequest(model, Set.of(), "conversation-" + i);
        }
        if (selector.acquire(anonymous).isEmpty()) {
            throw new IllegalStateException("the benchmark pool cannot serve");
        }
        byToken = new HashMap<>();
        keys = new String[accounts];
        for (GrokToken token : store.listAll()) {
            byToken.put(token.token(), token);
        }
        for (int i = 0; i < accounts; i++) {
            keys[i] = "sso-bench-" + random.nextInt(accounts);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        selector.close();
    }

    /** A pick without a conversation: best quota, random among equals. */
    @Benchmark
    public Optional<TokenLease> pick() {
        return selector.acquire(anonymous);
    }

    /** A pick for one of 1,024 conversations that stick to their account. */
    @Benchmark
    public Optional<TokenLease> pickSticky() {
        next = (next + 1) & (CONVERSATIONS - 1);
        return selector.acquire(conversations[next]);
    }

    /** Baseline: one lookup in a {@code HashMap} of as many accounts. */
    @Benchmark
    public GrokToken baselineHashMapLookup() {
        next = next + 1 == keys.length ? 0 : next + 1;
        return byToken.get(keys[next]);
    }
}
