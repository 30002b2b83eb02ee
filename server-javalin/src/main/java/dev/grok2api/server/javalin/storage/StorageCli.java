package dev.grok2api.server.javalin.storage;

import dev.grok2api.core.error.ServiceUnavailableException;
import dev.grok2api.server.javalin.config.ConfigException;
import dev.grok2api.server.javalin.config.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The storage commands of {@code scripts/grok2api}, run against the backend the environment selects (the same
 * variables as the server: {@code SERVER_STORAGE_TYPE}, {@code SERVER_STORAGE_URL}, {@code GROK2API_DATA_DIR}):
 *
 * <pre>
 * import-reference &lt;dir&gt;   import a Python reference data directory (token.json, config.toml, …)
 * export [file]            write the whole state as one JSON document (default grok2api-state-&lt;date&gt;.json)
 * import &lt;file&gt;            restore such a document (records the target already has are kept)
 * </pre>
 */
public final class StorageCli {
    private StorageCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 ok, 1 failed, 2 usage or configuration error). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: grok2api import-reference <dir> | export [file] | import <file>");
            return 2;
        }
        try {
            ServerOptions options = ServerOptions.fromEnvironment(env);
            InstantSource clock = InstantSource.system();
            return switch (args[0]) {
                case "import-reference" -> {
                    Path dir = Path.of(argument(args, "the reference data directory"));
                    try (Storage storage = Storage.open(options)) {
                        out.println("Importing " + dir.toAbsolutePath() + " into " + storage.description());
                        ImportReport report = new ReferenceImport(storage, clock, ZoneId.systemDefault()).run(dir);
                        out.println(report);
                        yield report.problems().isEmpty() ? 0 : 1;
                    }
                }
                case "export" -> {
                    Path file = Path.of(
                            args.length > 1
                                    ? args[1]
                                    : "grok2api-state-" + LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault())
                                            + ".json");
                    try (Storage storage = Storage.open(options)) {
                        JsonFiles.write(file, new StateBackup(storage, clock).export());
                        restrictToOwner(file);
                        out.println("Exported " + storage.description() + " to " + file.toAbsolutePath()
                                + " (it holds the raw Grok tokens: keep it private)");
                        yield 0;
                    }
                }
                case "import" -> {
                    Path file = Path.of(argument(args, "the exported JSON file"));
                    Object document = JsonFiles.read(file);
                    try (Storage storage = Storage.open(options)) {
                        out.println("Importing " + file.toAbsolutePath() + " into " + storage.description());
                        out.println(new StateBackup(storage, clock).restore(document));
                        yield 0;
                    }
                }
                default -> {
                    err.println("unknown command '" + args[0] + "'; use import-reference, export or import");
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("grok2api: " + e.getMessage());
            return 2;
        } catch (ServiceUnavailableException e) {
            err.println("grok2api: " + e.publicMessage());
            return 1;
        } catch (IOException e) {
            err.println("grok2api: " + e.getMessage());
            return 1;
        }
    }

    private static String argument(String[] args, String what) {
        if (args.length < 2 || args[1].isBlank()) {
            throw new ConfigException(args[0] + " needs " + what);
        }
        return args[1];
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the operator's umask applies
        }
    }
}
