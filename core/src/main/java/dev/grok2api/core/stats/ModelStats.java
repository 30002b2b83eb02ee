package dev.grok2api.core.stats;

import java.util.Objects;

/**
 * All-time outcomes of one model.
 *
 * @param model the client-facing model id
 * @param success requests that succeeded
 * @param failed requests that failed
 */
public record ModelStats(String model, long success, long failed) {
    public ModelStats {
        Objects.requireNonNull(model, "model");
    }

    /** All requests for the model. */
    public long total() {
        return success + failed;
    }
}
