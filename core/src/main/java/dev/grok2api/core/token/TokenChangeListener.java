package dev.grok2api.core.token;

import java.util.Collection;

/**
 * Told about accounts an operator changed through this instance, so in-memory views of the pool (the selection
 * index) can follow at once instead of at their next reload. Implementations are thread-safe, fast, and never throw.
 */
@FunctionalInterface
public interface TokenChangeListener {
    /** A listener that ignores every change. */
    TokenChangeListener NONE = tokens -> {};

    /**
     * The named accounts were added, edited or deleted.
     *
     * @param tokens their {@code sso} values, never null; may be large after an import
     */
    void changed(Collection<String> tokens);
}
