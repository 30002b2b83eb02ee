package dev.grok2api.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grok2api.core.error.ModelNotFoundException;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private final ModelCatalog catalog = ModelCatalog.standard();

    @Test
    void should_list_the_fifteen_reference_models_in_order() {
        assertThat(catalog.all())
                .extracting(ModelSpec::id)
                .containsExactly(
                        "grok-3",
                        "grok-3-mini",
                        "grok-3-thinking",
                        "grok-4",
                        "grok-4-mini",
                        "grok-4-thinking",
                        "grok-4-heavy",
                        "grok-4.1-mini",
                        "grok-4.1-fast",
                        "grok-4.1-expert",
                        "grok-4.1-thinking",
                        "grok-4.20-beta",
                        "grok-imagine-1.0",
                        "grok-imagine-1.0-edit",
                        "grok-imagine-1.0-video");
    }

    @Test
    void should_not_expose_retired_ids() {
        for (String retired : new String[] {"grok-3-fast", "grok-4-fast", "grok-4.1", "grok-4-mini-thinking-tahoe"}) {
            assertThat(catalog.find(retired)).as(retired).isEmpty();
        }
    }

    @Test
    void should_map_upstream_names_and_modes_as_the_reference() {
        assertThat(catalog.find("grok-4.20-beta").orElseThrow())
                .extracting(ModelSpec::upstreamModel, ModelSpec::upstreamMode, ModelSpec::rateLimitModel)
                .containsExactly("grok-420", "MODEL_MODE_GROK_420", "grok-420");
        assertThat(catalog.find("grok-4.1-fast").orElseThrow())
                .extracting(ModelSpec::upstreamModel, ModelSpec::upstreamMode)
                .containsExactly("grok-4-1-thinking-1129", "MODEL_MODE_FAST");
        assertThat(catalog.find("grok-imagine-1.0-edit").orElseThrow())
                .extracting(ModelSpec::upstreamModel, ModelSpec::kind)
                .containsExactly("imagine-image-edit", ModelKind.IMAGE_EDIT);
        ModelSpec heavy = catalog.find("grok-4-heavy").orElseThrow();
        assertThat(heavy.tier()).isEqualTo(AccountTier.SUPER);
        assertThat(heavy.quotaBucket()).isEqualTo(QuotaBucket.HEAVY);
        assertThat(heavy.usageBucket()).isEqualTo(UsageBucket.HEAVY);
        assertThat(heavy.rateLimitModel()).isEqualTo("grok-4-heavy");
    }

    @Test
    void should_reject_an_unknown_model_with_model_not_found_when_a_request_names_it() {
        assertThatThrownBy(() -> catalog.requireForRequest("gpt-4o"))
                .isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.param()).isEqualTo("model");
                });
    }
}
