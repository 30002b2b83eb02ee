package dev.grok2api.core.error;

/**
 * A model id that is not in the catalog. A request naming it is a 400 (the request is invalid); looking it up by
 * id is a 404.
 */
public final class ModelNotFoundException extends Grok2ApiException {
    private ModelNotFoundException(int status, ErrorCategory category, String message) {
        super(status, category, "model_not_found", status == 400 ? "model" : null, message, null, null);
    }

    /** A request that names an unknown model (HTTP 400, param {@code model}). */
    public static ModelNotFoundException inRequest(String model) {
        return new ModelNotFoundException(
                400,
                ErrorCategory.INVALID_REQUEST,
                "The model `" + model + "` does not exist or you do not have access to it. "
                        + "GET /v1/models lists the models this gateway serves.");
    }

    /** A lookup of an unknown model id (HTTP 404). */
    public static ModelNotFoundException byId(String model) {
        return new ModelNotFoundException(404, ErrorCategory.NOT_FOUND, "Model '" + model + "' not found");
    }
}
