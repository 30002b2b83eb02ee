package dev.grok2api.token.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.storage.TokenTransitions;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.Quota;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenRequest;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final TokenRequest GROK_3 =
            TokenRequest.forModel(ModelCatalog.standard().find("grok-3").orElseThrow());

    private final PoolIndex index = new PoolIndex(new SplittableRandom(7));

    private static GrokToken account(String token, int remaining) {
        GrokToken fresh = GrokToken.newAccount(SsoCredential.parse(token), TokenPool.BASIC, T0);
        return TokenTransitions.edit(fresh, TokenEdit.none().withQuota(new Quota(remaining, 80, 72_000)));
    }

    private String pick() {
        return index.pick(GROK_3, T0, false).token();
    }

    @Test
    void should_keep_a_local_write_over_a_store_read_that_started_before_it() {
        // given: the store read starts, then this instance records a use of sso-a
        index.replaceAll(List.of(account("sso-a", 50), account("sso-b", 40)), T0, index.version());
        long readAfter = index.version();
        index.put(account("sso-a", 30), T0);

        // when: the read returns sso-a as it was before the use, and another instance's update of sso-b
        index.follow(List.of(account("sso-a", 50), account("sso-b", 45)), T0, readAfter);

        // then: sso-a keeps its newer local record, sso-b follows the store
        assertThat(index.get("sso-a").orElseThrow().quota().remaining()).isEqualTo(30);
        assertThat(index.get("sso-b").orElseThrow().quota().remaining()).isEqualTo(45);
        assertThat(pick()).isEqualTo("sso-b");

        // when: a full reload that started before another local write
        long reloadAfter = index.version();
        index.put(account("sso-b", 10), T0);
        index.replaceAll(List.of(account("sso-a", 30), account("sso-b", 45)), T0, reloadAfter);

        // then
        assertThat(index.get("sso-b").orElseThrow().quota().remaining()).isEqualTo(10);
        assertThat(pick()).isEqualTo("sso-a");

        // when: later reads see newer states and apply again
        index.follow(List.of(account("sso-b", 9)), T0, index.version());
        assertThat(index.get("sso-b").orElseThrow().quota().remaining()).isEqualTo(9);
    }

    @Test
    void should_not_bring_back_an_account_removed_here_after_a_store_read_started() {
        // given
        index.replaceAll(List.of(account("sso-a", 50), account("sso-b", 40)), T0, index.version());
        long readAfter = index.version();
        index.remove("sso-a");

        // when: reads that started before the removal return it
        index.follow(List.of(account("sso-a", 50)), T0, readAfter);
        index.replaceAll(List.of(account("sso-a", 50), account("sso-b", 40)), T0, readAfter);

        // then
        assertThat(index.get("sso-a")).isEmpty();
        assertThat(pick()).isEqualTo("sso-b");

        // when: a read that started after the removal still has it (the account was added again)
        index.replaceAll(List.of(account("sso-a", 50), account("sso-b", 40)), T0, index.version());

        // then
        assertThat(index.get("sso-a")).isPresent();
    }
}
