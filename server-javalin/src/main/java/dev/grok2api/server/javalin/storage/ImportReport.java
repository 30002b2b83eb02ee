package dev.grok2api.server.javalin.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, counted per kind of data. "Skipped" means the store already had that record (newer data is
 * never overwritten), so a second run of the same import skips everything.
 */
public final class ImportReport {
    int tokensImported;
    int tokensSkipped;
    int configKeysImported;
    int configKeysSkipped;
    int apiKeysImported;
    int apiKeysSkipped;
    int usageImported;
    int usageSkipped;
    long statsBucketsImported;
    boolean statsSkipped;
    int requestLogsImported;
    final List<String> problems = new ArrayList<>();

    public int tokensImported() {
        return tokensImported;
    }

    public int tokensSkipped() {
        return tokensSkipped;
    }

    public int configKeysImported() {
        return configKeysImported;
    }

    public int apiKeysImported() {
        return apiKeysImported;
    }

    public int usageImported() {
        return usageImported;
    }

    public long statsBucketsImported() {
        return statsBucketsImported;
    }

    public int requestLogsImported() {
        return requestLogsImported;
    }

    /** Files or records that could not be read, each with its cause; empty when all went well. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether anything at all was written. */
    public boolean changedAnything() {
        return tokensImported + configKeysImported + apiKeysImported + usageImported + requestLogsImported > 0
                || statsBucketsImported > 0;
    }

    /** One human-readable line per kind, then the problems. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("tokens: ")
                .append(tokensImported)
                .append(" imported, ")
                .append(tokensSkipped)
                .append(" already present\n");
        out.append("config keys: ")
                .append(configKeysImported)
                .append(" imported, ")
                .append(configKeysSkipped)
                .append(" already set\n");
        out.append("api keys: ")
                .append(apiKeysImported)
                .append(" imported, ")
                .append(apiKeysSkipped)
                .append(" already present\n");
        out.append("daily usage records: ")
                .append(usageImported)
                .append(" imported, ")
                .append(usageSkipped)
                .append(" skipped\n");
        out.append("stats buckets: ")
                .append(statsSkipped ? "skipped (the store already has stats)" : statsBucketsImported + " imported")
                .append('\n');
        if (requestLogsImported > 0) {
            out.append("request log rows: ").append(requestLogsImported).append(" imported\n");
        }
        problems.forEach(p -> out.append("problem: ").append(p).append('\n'));
        return out.toString().stripTrailing();
    }
}
