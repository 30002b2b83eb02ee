package dev.grok2api.core.error;

/** The client sent a request the service cannot accept (HTTP 400). Never retried. */
public class InvalidRequestException extends Grok2ApiException {
    /**
     * @param code machine-readable code such as {@code empty_content}
     * @param param offending parameter path such as {@code messages.0.content}, or null
     * @param message what is wrong and how to fix it
     */
    public InvalidRequestException(String code, String param, String message) {
        super(400, ErrorCategory.INVALID_REQUEST, code, param, message, null, null);
    }

    /** Shorthand for the generic {@code invalid_value} code. */
    public static InvalidRequestException invalidValue(String param, String message) {
        return new InvalidRequestException("invalid_value", param, message);
    }
}
