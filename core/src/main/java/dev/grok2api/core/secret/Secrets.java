package dev.grok2api.core.secret;

/** Masking of secrets (tokens, keys, passwords) for logs, list views and errors. */
public final class Secrets {
    private Secrets() {}

    /**
     * Masks all but a short prefix and suffix: {@code eyJhbGci…x9Qk}. Values of 12 characters or fewer are fully
     * masked, so short secrets never leak.
     *
     * @param secret the value, may be null
     * @return the masked form; {@code ""} for null or empty input
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() <= 12) {
            return "*".repeat(Math.min(secret.length(), 8));
        }
        return secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
    }
}
