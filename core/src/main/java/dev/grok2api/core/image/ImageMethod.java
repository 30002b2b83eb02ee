package dev.grok2api.core.image;

import java.util.Locale;
import java.util.Set;

/** How images are generated upstream ({@code grok.image_generation_method}). */
public enum ImageMethod {
    /** A chat call asking for "Image Generation: …" (two images per call). */
    LEGACY("legacy"),
    /** Grok's imagine websocket (up to four images per call), falling back to {@link #LEGACY}. */
    IMAGINE_WS("imagine_ws_experimental");

    private static final Set<String> IMAGINE_ALIASES =
            Set.of("imagine_ws_experimental", "imagine_ws", "experimental", "new", "new_method");

    private final String wireName;

    ImageMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The normalised configuration value, as {@code GET /v1/images/method} reports it. */
    public String wireName() {
        return wireName;
    }

    /** The method a configuration value names: the aliases of the reference, anything else (or null) is legacy. */
    public static ImageMethod fromConfig(String value) {
        return value != null && IMAGINE_ALIASES.contains(value.trim().toLowerCase(Locale.ROOT)) ? IMAGINE_WS : LEGACY;
    }
}
