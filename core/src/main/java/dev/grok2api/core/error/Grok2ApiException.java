package dev.grok2api.core.error;

import java.util.Objects;

/**
 * Root of the one exception taxonomy used across all modules.
 *
 * <p>Every subtype carries what an adapter needs to render an error without inspecting the message: an HTTP
 * status, a {@link ErrorCategory}, a stable machine-readable {@link #code()}, the offending request parameter (if
 * any) and a {@link #publicMessage()} that is safe to show to API clients and operators — it names the cause and the
 * fix and never contains secrets. {@link #getMessage()} may carry more internal detail (for logs) and must not be
 * sent to clients.
 *
 * <p>{@link #retriable()} tells the chat pipeline whether another Grok account might succeed where this one
 * failed; it says nothing about whether the client should retry later.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract class Grok2ApiException extends RuntimeException {
    private final int status;
    private final ErrorCategory category;
    private final String code;
    private final String param;
    private final String publicMessage;

    /**
     * @param status HTTP status an adapter should use
     * @param category broad class of the failure
     * @param code stable machine-readable code, e.g. {@code model_not_found}; never null
     * @param param the request parameter at fault, or null
     * @param publicMessage message safe for clients; never null
     * @param internalDetail extra detail for logs only, or null
     * @param cause underlying cause, or null
     */
    protected Grok2ApiException(
            int status,
            ErrorCategory category,
            String code,
            String param,
            String publicMessage,
            String internalDetail,
            Throwable cause) {
        super(internalDetail == null ? publicMessage : publicMessage + " (" + internalDetail + ")", cause);
        this.status = status;
        this.category = Objects.requireNonNull(category, "category");
        this.code = Objects.requireNonNull(code, "code");
        this.param = param;
        this.publicMessage = Objects.requireNonNull(publicMessage, "publicMessage");
    }

    /** The HTTP status an adapter should answer with. */
    public int status() {
        return status;
    }

    /** The broad class of this failure. */
    public ErrorCategory category() {
        return category;
    }

    /** A stable machine-readable code such as {@code rate_limit_exceeded}; never null. */
    public String code() {
        return code;
    }

    /** The request parameter at fault (e.g. {@code messages.0.content}), or null. */
    public String param() {
        return param;
    }

    /** A message safe to show to clients and operators: cause and fix, no secrets. Never null. */
    public String publicMessage() {
        return publicMessage;
    }

    /** Whether a different Grok account might succeed where this attempt failed. False by default. */
    public boolean retriable() {
        return false;
    }
}
