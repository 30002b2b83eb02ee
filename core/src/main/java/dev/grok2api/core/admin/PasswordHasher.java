package dev.grok2api.core.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes (PBKDF2 with HMAC-SHA256 from the JDK), encoded as {@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64). The iteration count travels with the hash, so a stronger
 * setting later still verifies old hashes. Thread-safe.
 */
public final class PasswordHasher {
    /**
     * Iterations for new hashes in production: OWASP's 2021 figure for PBKDF2-HMAC-SHA256, about a quarter second of
     * one core — slow for guessing, cheap enough that unauthenticated sign-in attempts cannot starve the server.
     */
    public static final int DEFAULT_ITERATIONS = 310_000;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final RandomGenerator random;

    /**
     * @param iterations PBKDF2 iterations for new hashes, {@code >= 1} (tests use few, production {@link
     *     #DEFAULT_ITERATIONS})
     * @param random source of salts; should be a {@link java.security.SecureRandom} in production
     */
    public PasswordHasher(int iterations, RandomGenerator random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new salted hash of the password. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether the password matches the encoded hash, compared in constant time.
     *
     * @return false also when {@code encoded} is not a hash this class wrote
     */
    public boolean matches(String password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return rounds >= 1 && MessageDigest.isEqual(derive(password, salt, rounds), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }
}
