package dev.grok2api.core.token;

import dev.grok2api.core.model.ModelSpec;
import java.util.Objects;

/**
 * The right to make one upstream call as an account. Report its outcome to the selector exactly once.
 *
 * @param token the account as it was when chosen, never null
 * @param model the model the call is for, never null
 */
public record TokenLease(GrokToken token, ModelSpec model) {
    public TokenLease {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(model, "model");
    }

    /** The credential to call Grok with. */
    public SsoCredential credential() {
        return token.credential();
    }
}
