package dev.grok2api.grok.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * The {@code x-statsig-id} header as the reference web clients produce it: base64 of a fake JavaScript error string,
 * random per request, or a fixed value when {@code grok.dynamic_statsig} is off.
 */
public final class StatsigIds {
    /** Decodes to {@code e:TypeError: Cannot read properties of undefined (reading 'childNodes')}. */
    public static final String FIXED =
            "ZTpUeXBlRXJyb3I6IENhbm5vdCByZWFkIHByb3BlcnRpZXMgb2YgdW5kZWZpbmVkIChyZWFkaW5nICdjaGlsZE5vZGVzJyk=";

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String LOWER_DIGITS = LOWER + "0123456789";

    private StatsigIds() {}

    /** A fresh random id. */
    public static String random(RandomGenerator random) {
        String message = random.nextBoolean()
                ? "e:TypeError: Cannot read properties of null (reading 'children['" + pick(random, LOWER_DIGITS, 5)
                        + "']')"
                : "e:TypeError: Cannot read properties of undefined (reading '" + pick(random, LOWER, 10) + "')";
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String pick(RandomGenerator random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
