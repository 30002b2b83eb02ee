package dev.grok2api.core.error;

/** Grok refused the prompt or its output on content-policy grounds (HTTP 400, code {@code content_policy_violation}). */
public final class ContentModeratedException extends Grok2ApiException {
    /** @param internalDetail Grok's message for logs, or null */
    public ContentModeratedException(String internalDetail) {
        super(
                400,
                ErrorCategory.INVALID_REQUEST,
                "content_policy_violation",
                null,
                "Grok moderated this request or its result. Rephrase the prompt.",
                internalDetail,
                null);
    }
}
