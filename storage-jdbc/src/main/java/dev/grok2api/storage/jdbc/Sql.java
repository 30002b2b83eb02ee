package dev.grok2api.storage.jdbc;

import dev.grok2api.core.storage.ConfigValueCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Small value conversions the SQL stores share. */
final class Sql {
    private Sql() {}

    /** A {@code LIKE … ESCAPE '!'} pattern matching {@code text} anywhere, wildcards in it taken literally. */
    static String containsPattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** The instant at millisecond precision, or null. */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A JSON list of strings (see {@link ConfigValueCodec}) as a list. */
    static List<String> stringList(String json) {
        List<String> out = new ArrayList<>();
        if (json != null && ConfigValueCodec.decode(json) instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }
}
