package dev.grok2api.core.media;

/**
 * How much one kind of cached media takes.
 *
 * @param count files
 * @param bytes their total size
 */
public record MediaUsage(int count, long bytes) {
    private static final double MIB = 1024.0 * 1024.0;

    /** The size in MiB rounded to two decimals, as the reference's admin views show it. */
    public double sizeMb() {
        return Math.round(bytes / MIB * 100) / 100.0;
    }
}
