package dev.grok2api.core.chat;

/**
 * Estimates how many model tokens a text has, for the {@code usage} figures Grok does not report. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface TokenCounter {
    /** The estimated token count of {@code text}; 0 for empty text. */
    int count(String text);

    /**
     * A character heuristic: one token per 4 characters of Latin-script text, one per character of CJK text (which
     * tokenizers split far more finely). Good to roughly ±20 % on prose; used when no real tokenizer is plugged in.
     */
    static TokenCounter heuristic() {
        return text -> {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            int wide = 0;
            int narrow = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isIdeographic(cp)
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA) {
                    wide++;
                } else {
                    narrow++;
                }
            }
            return wide + (narrow + 3) / 4;
        };
    }
}
