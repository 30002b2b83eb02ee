package dev.grok2api.server.javalin.storage;

/** Masking of credentials in storage URLs that could not be parsed into a config (which masks its own). */
final class Urls {
    private Urls() {}

    /** The URL with the password of {@code user:password@} and any {@code password=} parameter masked. */
    static String mask(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceAll("(//[^/@:]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
