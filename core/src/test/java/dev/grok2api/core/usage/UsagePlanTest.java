package dev.grok2api.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.UsageBucket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsagePlanTest {
    private final ModelCatalog catalog = ModelCatalog.standard();

    private UsagePlan chat(String model) {
        return UsagePlan.chat(catalog.find(model).orElseThrow());
    }

    @Test
    void should_charge_by_the_reference_table() {
        assertThat(chat("grok-4.1-fast").amounts()).containsExactly(Map.entry(UsageBucket.CHAT, 1));
        assertThat(chat("grok-4-heavy").amounts())
                .containsExactly(Map.entry(UsageBucket.HEAVY, 1), Map.entry(UsageBucket.CHAT, 1));
        assertThat(chat("grok-imagine-1.0").amounts()).containsExactly(Map.entry(UsageBucket.IMAGE, 2));
        assertThat(chat("grok-imagine-1.0-video").amounts()).containsExactly(Map.entry(UsageBucket.VIDEO, 1));
        assertThat(UsagePlan.images(3).amounts()).containsExactly(Map.entry(UsageBucket.IMAGE, 3));
    }

    @Test
    void should_name_the_limit_as_the_reference_message_does() {
        assertThat(chat("grok-3").label()).isEqualTo("chat");
        assertThat(chat("grok-4-heavy").label()).isEqualTo("heavy/chat");
        assertThat(chat("grok-imagine-1.0").label()).isEqualTo("image");
        assertThat(chat("grok-imagine-1.0-video").label()).isEqualTo("video");
    }

    @Test
    void should_attach_each_buckets_limit_to_its_charge() {
        List<UsageCharge> charges = chat("grok-4-heavy").charges(new DailyLimits(10, 2, -1, 0));
        assertThat(charges)
                .containsExactly(new UsageCharge(UsageBucket.HEAVY, 1, 2), new UsageCharge(UsageBucket.CHAT, 1, 10));
    }

    @Test
    void should_refuse_an_image_request_for_no_images() {
        assertThatThrownBy(() -> UsagePlan.images(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
