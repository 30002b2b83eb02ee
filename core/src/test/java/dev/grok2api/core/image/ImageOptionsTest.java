package dev.grok2api.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reference's tables: sizes to aspect ratios, method aliases, response formats. */
class ImageOptionsTest {

    @Test
    void should_map_sizes_to_aspect_ratios_as_the_reference_does() {
        Map.of(
                        "1024x1024", "1:1",
                        "1024x576", "16:9",
                        "576x1024", "9:16",
                        "1024x1536", "2:3",
                        "1024x1792", "2:3",
                        "1536x1024", "3:2",
                        "1792x1024", "3:2",
                        "3:2", "3:2",
                        "unknown-size", "2:3")
                .forEach((size, ratio) ->
                        assertThat(AspectRatio.fromSize(size)).as(size).isEqualTo(ratio));
        assertThat(AspectRatio.fromSize(null)).isEqualTo("2:3");
    }

    @Test
    void should_normalise_method_aliases_and_treat_anything_else_as_legacy() {
        for (String alias :
                new String[] {"imagine_ws_experimental", "imagine_ws", "experimental", "new", "NEW_METHOD"}) {
            assertThat(ImageMethod.fromConfig(alias)).as(alias).isEqualTo(ImageMethod.IMAGINE_WS);
        }
        for (String other : new String[] {"legacy", "unknown", "", null}) {
            assertThat(ImageMethod.fromConfig(other)).as(other).isEqualTo(ImageMethod.LEGACY);
        }
        assertThat(ImageMethod.IMAGINE_WS.wireName()).isEqualTo("imagine_ws_experimental");
    }

    @Test
    void should_read_response_formats_case_insensitively() {
        assertThat(ImageFormat.parse("B64_JSON")).contains(ImageFormat.B64_JSON);
        assertThat(ImageFormat.parse(" url ")).contains(ImageFormat.URL);
        assertThat(ImageFormat.parse("base64")).contains(ImageFormat.BASE64);
        assertThat(ImageFormat.parse("png")).isEqualTo(Optional.empty());
    }
}
