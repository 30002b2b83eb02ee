package dev.grok2api.core.error;

/** An unexpected condition inside the gateway (HTTP 500). The public message never includes the cause. */
public class InternalException extends Grok2ApiException {
    /**
     * @param message what failed, safe for clients
     * @param cause the underlying cause (logged, never sent), or null
     */
    public InternalException(String message, Throwable cause) {
        super(500, ErrorCategory.INTERNAL, "internal_error", null, message, null, cause);
    }
}
