package dev.grok2api.core.model;

import java.util.Objects;

/**
 * One client-facing model and how it maps onto Grok.
 *
 * @param id client-facing id, e.g. {@code grok-4.1-fast}
 * @param displayName human-readable name
 * @param description short description, may be empty
 * @param upstreamModel Grok's {@code modelName}, e.g. {@code grok-4-1-thinking-1129}
 * @param upstreamMode Grok's {@code modelMode}, e.g. {@code MODEL_MODE_FAST}
 * @param rateLimitModel the {@code modelName} used to query the account's quota for this model
 * @param tier the account tier the model needs
 * @param quotaBucket the account quota bucket the model draws from
 * @param usageBucket the per-key daily bucket a request is charged to
 * @param cost how many queries of the account's window one request costs (1, or 4 for expensive modes)
 * @param kind what the model produces
 * @param reasoning whether the model streams reasoning before its answer
 */
public record ModelSpec(
        String id,
        String displayName,
        String description,
        String upstreamModel,
        String upstreamMode,
        String rateLimitModel,
        AccountTier tier,
        QuotaBucket quotaBucket,
        UsageBucket usageBucket,
        int cost,
        ModelKind kind,
        boolean reasoning) {
    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(upstreamMode, "upstreamMode");
        Objects.requireNonNull(rateLimitModel, "rateLimitModel");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(quotaBucket, "quotaBucket");
        Objects.requireNonNull(usageBucket, "usageBucket");
        Objects.requireNonNull(kind, "kind");
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be >= 1");
        }
    }
}
