package dev.grok2api.core.error;

/** The gateway cannot serve right now, e.g. its storage is unreachable or it is shutting down (HTTP 503). */
public class ServiceUnavailableException extends Grok2ApiException {
    /**
     * @param code machine-readable code such as {@code storage_unavailable}
     * @param message cause and fix, safe for clients
     * @param cause underlying cause (logged only), or null
     */
    public ServiceUnavailableException(String code, String message, Throwable cause) {
        super(503, ErrorCategory.UNAVAILABLE, code, null, message, null, cause);
    }
}
