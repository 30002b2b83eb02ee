package dev.grok2api.core.token;

import dev.grok2api.core.model.ModelSpec;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller needs an account for.
 *
 * @param model the model to be called, never null
 * @param excluded tokens already tried for this request, never null
 * @param stickyKey a key identifying the conversation (e.g. a hash of its first messages) for sticky selection, or
 *     null
 */
public record TokenRequest(ModelSpec model, Set<String> excluded, String stickyKey) {
    public TokenRequest {
        Objects.requireNonNull(model, "model");
        excluded = Set.copyOf(excluded);
    }

    /** A request for the model with nothing excluded and no stickiness. */
    public static TokenRequest forModel(ModelSpec model) {
        return new TokenRequest(model, Set.of(), null);
    }
}
