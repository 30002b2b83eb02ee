package dev.grok2api.storage.redis;

import dev.grok2api.core.storage.ConfigValueCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records as compact JSON arrays (via {@link ConfigValueCodec}), one value per field in a fixed order. A nullable
 * field is a nested list of zero or one element, since the codec has no null.
 */
final class Fields {
    private Fields() {}

    static final class Writer {
        private final List<Object> values = new ArrayList<>();

        Writer text(String value) {
            values.add(value);
            return this;
        }

        Writer number(long value) {
            values.add(value);
            return this;
        }

        Writer flag(boolean value) {
            values.add(value);
            return this;
        }

        Writer strings(List<String> value) {
            values.add(List.copyOf(value));
            return this;
        }

        Writer optionalText(String value) {
            values.add(value == null ? List.of() : List.of(value));
            return this;
        }

        Writer optionalInstant(Instant value) {
            values.add(value == null ? List.of() : List.of(value.toEpochMilli()));
            return this;
        }

        String encode() {
            return ConfigValueCodec.encode(values);
        }
    }

    static final class Reader {
        private final List<?> values;
        private int next;

        Reader(String encoded) {
            if (!(ConfigValueCodec.decode(encoded) instanceof List<?> list)) {
                throw new IllegalStateException("stored record is not a list: " + encoded);
            }
            this.values = list;
        }

        String text() {
            return (String) values.get(next++);
        }

        long number() {
            return ((Number) values.get(next++)).longValue();
        }

        int integer() {
            return Math.toIntExact(number());
        }

        boolean flag() {
            return (Boolean) values.get(next++);
        }

        List<String> strings() {
            List<String> out = new ArrayList<>();
            ((List<?>) values.get(next++)).forEach(v -> out.add(String.valueOf(v)));
            return out;
        }

        String optionalText() {
            List<?> holder = (List<?>) values.get(next++);
            return holder.isEmpty() ? null : (String) holder.get(0);
        }

        Instant optionalInstant() {
            List<?> holder = (List<?>) values.get(next++);
            return holder.isEmpty() ? null : Instant.ofEpochMilli(((Number) holder.get(0)).longValue());
        }
    }
}
