package dev.grok2api.core.error;

/** The caller is authenticated but may not do this (HTTP 403). */
public class PermissionDeniedException extends Grok2ApiException {
    /**
     * @param code machine-readable code such as {@code model_not_allowed}
     * @param message what is not allowed and why
     */
    public PermissionDeniedException(String code, String message) {
        super(403, ErrorCategory.PERMISSION, code, null, message, null, null);
    }
}
