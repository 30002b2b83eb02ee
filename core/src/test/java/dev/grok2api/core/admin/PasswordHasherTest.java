package dev.grok2api.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000, new Random(7));

    @Test
    void should_verify_the_password_it_hashed_and_nothing_else() {
        // given
        String hash = hasher.hash("correct horse battery");

        // then
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery!", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void should_salt_every_hash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void should_verify_hashes_made_with_another_iteration_count() {
        // given
        String old = new PasswordHasher(10, new Random(1)).hash("pw-123456");

        // then
        assertThat(hasher.matches("pw-123456", old)).isTrue();
    }

    @Test
    void should_reject_malformed_hashes_instead_of_failing() {
        assertThat(hasher.matches("x", "plain-text")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$abc$AA$AA")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$10$***$AA")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
    }
}
