package dev.grok2api.core.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing and constant-time comparison of admin secrets. */
public final class AdminCredentials {
    private AdminCredentials() {}

    /** Hex SHA-256 of the UTF-8 text. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /**
     * Compares two secrets in time independent of where they differ and of their lengths (both are hashed first).
     */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a == null ? "" : a), sha256(b == null ? "" : b));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
