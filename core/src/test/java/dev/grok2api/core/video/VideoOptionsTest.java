package dev.grok2api.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.chat.VideoConfig;
import dev.grok2api.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class VideoOptionsTest {

    @Test
    void should_default_to_3_2_six_seconds_sd_custom() {
        VideoOptions options = VideoOptions.from(new VideoConfig(null, null, null, " "));

        assertThat(options).isEqualTo(new VideoOptions("3:2", 6, "SD", "custom"));
        assertThat(options.modeFlag()).isEqualTo("--mode=custom");
        assertThat(VideoOptions.from(null)).isEqualTo(VideoOptions.DEFAULTS);
    }

    @Test
    void should_map_presets_to_grok_mode_flags() {
        assertThat(VideoOptions.from(new VideoConfig(null, null, null, "fun")).modeFlag())
                .isEqualTo("--mode=extremely-crazy");
        assertThat(VideoOptions.from(new VideoConfig(null, null, null, "normal"))
                        .modeFlag())
                .isEqualTo("--mode=normal");
        assertThat(VideoOptions.from(new VideoConfig(null, null, "hd", "Spicy")))
                .isEqualTo(new VideoOptions("3:2", 6, "HD", "spicy"));
    }

    @Test
    void should_refuse_each_invalid_field_with_its_code_and_param() {
        assertThatThrownBy(() -> VideoOptions.from(new VideoConfig("4:3", null, null, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_aspect_ratio")
                .hasFieldOrPropertyWithValue("param", "video_config.aspect_ratio");
        assertThatThrownBy(() -> VideoOptions.from(new VideoConfig(null, 4, null, null)))
                .hasFieldOrPropertyWithValue("code", "invalid_video_length");
        assertThatThrownBy(() -> VideoOptions.from(new VideoConfig(null, 16, null, null)))
                .hasFieldOrPropertyWithValue("code", "invalid_video_length");
        assertThatThrownBy(() -> VideoOptions.from(new VideoConfig(null, null, "4K", null)))
                .hasFieldOrPropertyWithValue("code", "invalid_resolution");
        assertThatThrownBy(() -> VideoOptions.from(new VideoConfig(null, null, null, "wild")))
                .hasFieldOrPropertyWithValue("code", "invalid_preset");
    }
}
