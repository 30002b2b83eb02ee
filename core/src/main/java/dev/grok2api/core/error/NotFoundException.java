package dev.grok2api.core.error;

/** A named resource (token, key, job, file) does not exist (HTTP 404). */
public class NotFoundException extends Grok2ApiException {
    /**
     * @param code machine-readable code such as {@code token_not_found}
     * @param message what was not found
     */
    public NotFoundException(String code, String message) {
        super(404, ErrorCategory.NOT_FOUND, code, null, message, null, null);
    }
}
