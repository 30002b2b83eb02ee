package dev.grok2api.core.media;

import java.net.URI;

/**
 * Cache file names for Grok asset paths, as the reference names them: the path without its leading slash, with
 * {@code /} replaced by {@code -} ({@code users/u1/generated/i1/image.jpg} → {@code users-u1-generated-i1-image.jpg}).
 * Names are the only thing routes accept, so they are checked to be safe for file systems and URLs.
 */
public final class MediaNames {
    private MediaNames() {}

    /**
     * The cache name of an asset.
     *
     * @param assetPath a path relative to the assets host ({@code users/…/image.jpg}, with or without a leading
     *     slash) or an absolute URL, of which only the path counts
     * @throws IllegalArgumentException when the path is empty, {@code /}, or not a safe name once flattened
     */
    public static String fromAssetPath(String assetPath) {
        return requireSafe(pathOf(assetPath).replace('/', '-'));
    }

    /** The path part of an asset reference without leading slashes; the query and fragment are dropped. */
    public static String pathOf(String assetPath) {
        String path = assetPath.trim();
        if (path.startsWith("http://") || path.startsWith("https://")) {
            path = URI.create(path).getRawPath();
        } else {
            int cut = indexOfAny(path, '?', '#');
            path = cut >= 0 ? path.substring(0, cut) : path;
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty asset path");
        }
        return path;
    }

    /**
     * Checks a cache name: 1–255 characters of {@code [A-Za-z0-9._-]}, not starting with a dot, no {@code ..}.
     *
     * @return the name
     * @throws IllegalArgumentException when it is not safe
     */
    public static String requireSafe(String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("unsafe media name: " + name);
        }
        return name;
    }

    /** Whether {@link #requireSafe} accepts the name. */
    public static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.startsWith(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }
}
