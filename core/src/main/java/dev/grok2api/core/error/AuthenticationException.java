package dev.grok2api.core.error;

/** The caller is not authenticated (HTTP 401): missing, wrong, disabled or expired credentials. */
public class AuthenticationException extends Grok2ApiException {
    /**
     * @param code machine-readable code such as {@code invalid_api_key}
     * @param message what is wrong and how to fix it
     */
    public AuthenticationException(String code, String message) {
        super(401, ErrorCategory.AUTHENTICATION, code, null, message, null, null);
    }

    /** No usable {@code Authorization: Bearer} header on a route that needs a client key. */
    public static AuthenticationException missingApiKey() {
        return new AuthenticationException(
                "invalid_api_key",
                "Missing authentication token: send 'Authorization: Bearer <api key>' (app.api_key or a managed key).");
    }

    /** A key that matches no configured or active managed key. */
    public static AuthenticationException invalidApiKey() {
        return new AuthenticationException(
                "invalid_api_key", "Invalid authentication token: the API key is unknown, disabled or expired.");
    }
}
