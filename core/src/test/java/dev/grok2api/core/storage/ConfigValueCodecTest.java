package dev.grok2api.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValueCodecTest {

    @Test
    void should_round_trip_every_supported_value_when_encoded_and_decoded() {
        List<Object> values = List.of(
                "plain",
                "",
                "quote \" backslash \\ newline \n tab \t control \u0001 emoji 🚀 ünï",
                0L,
                -42L,
                Long.MAX_VALUE,
                1.0,
                -0.25,
                1.0e-12,
                true,
                false,
                List.of(),
                List.of("a", 1L, 2.5, true, List.of("nested")));
        for (Object value : values) {
            assertThat(ConfigValueCodec.decode(ConfigValueCodec.encode(value))).isEqualTo(value);
        }
    }

    @Test
    void should_write_compact_json_when_encoding_a_list() {
        assertThat(ConfigValueCodec.encode(List.of(401, 429L, "x", 1.5, false))).isEqualTo("[401,429,\"x\",1.5,false]");
    }

    @Test
    void should_keep_a_decimal_a_decimal_when_it_has_no_fraction() {
        assertThat(ConfigValueCodec.encode(2.0)).isEqualTo("2.0");
        assertThat(ConfigValueCodec.decode("2.0")).isEqualTo(2.0);
        assertThat(ConfigValueCodec.decode("2")).isEqualTo(2L);
    }

    @Test
    void should_accept_white_space_and_escapes_written_by_other_json_writers() {
        assertThat(ConfigValueCodec.decode(" [ \"a\\u0041\\/\" , 1e3 ] ")).isEqualTo(List.of("aA/", 1000.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{\"a\":1}", "[1,", "\"open", "tru", "1 2", "[1 2]", "-", "\"\\x\""})
    void should_reject_text_outside_the_subset(String text) {
        assertThatThrownBy(() -> ConfigValueCodec.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid config value JSON");
    }

    @Test
    void should_reject_values_it_cannot_encode() {
        assertThatThrownBy(() -> ConfigValueCodec.encode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValueCodec.encode(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValueCodec.encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported config value type");
    }
}
