package dev.grok2api.core.model;

import static dev.grok2api.core.model.AccountTier.BASIC;
import static dev.grok2api.core.model.AccountTier.SUPER;
import static dev.grok2api.core.model.ModelKind.CHAT;
import static dev.grok2api.core.model.ModelKind.IMAGE;
import static dev.grok2api.core.model.ModelKind.IMAGE_EDIT;
import static dev.grok2api.core.model.ModelKind.VIDEO;

import dev.grok2api.core.error.ModelNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models this gateway serves, in the order {@code /v1/models} lists them. Immutable and thread-safe.
 *
 * <p>The table is the reference catalog: fifteen ids with their Grok {@code modelName}/{@code modelMode} pairs. Ids
 * retired upstream ({@code grok-3-fast}, {@code grok-4-fast}, {@code grok-4.1}, {@code grok-4-mini-thinking-tahoe})
 * are deliberately absent.
 */
public final class ModelCatalog {
    private static final String G41 = "grok-4-1-thinking-1129";

    private final Map<String, ModelSpec> byId;

    private ModelCatalog(List<ModelSpec> models) {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            if (map.putIfAbsent(model.id(), model) != null) {
                throw new IllegalArgumentException("duplicate model id " + model.id());
            }
        }
        this.byId = map;
    }

    /** The built-in catalog. */
    public static ModelCatalog standard() {
        return new ModelCatalog(List.of(
                chat("grok-3", "Grok 3", "grok-3", "MODEL_MODE_GROK_3", "grok-3", 1, false),
                chat("grok-3-mini", "Grok 3 Mini", "grok-3", "MODEL_MODE_GROK_3_MINI_THINKING", "grok-3", 1, true),
                chat("grok-3-thinking", "Grok 3 Thinking", "grok-3", "MODEL_MODE_GROK_3_THINKING", "grok-3", 1, true),
                chat("grok-4", "Grok 4", "grok-4", "MODEL_MODE_GROK_4", "grok-4", 1, false),
                chat(
                        "grok-4-mini",
                        "Grok 4 Mini",
                        "grok-4-mini",
                        "MODEL_MODE_GROK_4_MINI_THINKING",
                        "grok-4-mini",
                        1,
                        true),
                chat("grok-4-thinking", "Grok 4 Thinking", "grok-4", "MODEL_MODE_GROK_4_THINKING", "grok-4", 1, true),
                new ModelSpec(
                        "grok-4-heavy",
                        "Grok 4 Heavy",
                        "",
                        "grok-4",
                        "MODEL_MODE_HEAVY",
                        "grok-4-heavy",
                        SUPER,
                        QuotaBucket.HEAVY,
                        UsageBucket.HEAVY,
                        4,
                        CHAT,
                        true),
                chat("grok-4.1-mini", "Grok 4.1 Mini", G41, "MODEL_MODE_GROK_4_1_MINI_THINKING", G41, 1, true),
                chat("grok-4.1-fast", "Grok 4.1 Fast", G41, "MODEL_MODE_FAST", G41, 1, false),
                chat("grok-4.1-expert", "Grok 4.1 Expert", G41, "MODEL_MODE_EXPERT", G41, 4, true),
                chat("grok-4.1-thinking", "Grok 4.1 Thinking", G41, "MODEL_MODE_GROK_4_1_THINKING", G41, 4, true),
                chat("grok-4.20-beta", "Grok 4.20 Beta", "grok-420", "MODEL_MODE_GROK_420", "grok-420", 1, false),
                media("grok-imagine-1.0", "Grok Image", "Image generation model", "grok-3", UsageBucket.IMAGE, IMAGE),
                media(
                        "grok-imagine-1.0-edit",
                        "Grok Image Edit",
                        "Image edit model",
                        "imagine-image-edit",
                        UsageBucket.IMAGE,
                        IMAGE_EDIT),
                media(
                        "grok-imagine-1.0-video",
                        "Grok Video",
                        "Video generation model",
                        "grok-3",
                        UsageBucket.VIDEO,
                        VIDEO)));
    }

    private static ModelSpec chat(
            String id, String name, String model, String mode, String rateLimitModel, int cost, boolean reasoning) {
        return new ModelSpec(
                id,
                name,
                "",
                model,
                mode,
                rateLimitModel,
                BASIC,
                QuotaBucket.NORMAL,
                UsageBucket.CHAT,
                cost,
                CHAT,
                reasoning);
    }

    private static ModelSpec media(
            String id, String name, String description, String model, UsageBucket bucket, ModelKind kind) {
        return new ModelSpec(
                id,
                name,
                description,
                model,
                "MODEL_MODE_FAST",
                "grok-3",
                BASIC,
                QuotaBucket.NORMAL,
                bucket,
                4,
                kind,
                false);
    }

    /** All models in listing order. */
    public List<ModelSpec> all() {
        return List.copyOf(byId.values());
    }

    /** The model with this id, or empty. */
    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * The model a request names.
     *
     * @throws ModelNotFoundException (HTTP 400) when the id is unknown
     */
    public ModelSpec requireForRequest(String id) {
        return find(id).orElseThrow(() -> ModelNotFoundException.inRequest(id));
    }
}
