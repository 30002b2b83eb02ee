package dev.grok2api.server.javalin.admin;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.error.NotFoundException;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application log files under {@code /api/v1/admin} (behind the admin session check), as in the reference.
 *
 * <ul>
 *   <li>{@code GET /logs/files} → {@code {"files":[{"name","size_bytes","mtime_ms"}]}}, {@code *.log} of the log
 *       directory, newest first
 *   <li>{@code GET /logs/tail?file=&lines=500} → {@code {"file","lines":[…]}}: the last lines (1..5000) of at most
 *       the last MiB; JSON lines rendered as {@code yyyy-MM-dd HH:mm:ss | LEVEL | logger - message}; default file =
 *       newest; {@code {"file":null,"lines":[]}} when there is none; 400 for names with {@code /}, {@code \} or
 *       {@code ..}; 404 when the file does not exist
 * </ul>
 */
public final class LogRoutes {
    /** Most bytes read from the end of a file. */
    static final int TAIL_BYTES = 1 << 20;

    private static final int MAX_LINES = 5000;

    private final Path logDir;

    public LogRoutes(Path logDir) {
        this.logDir = logDir.toAbsolutePath().normalize();
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(AdminAuthRoutes.PREFIX + "/logs/files", this::files);
        routes.get(AdminAuthRoutes.PREFIX + "/logs/tail", this::tail);
    }

    private void files(Context ctx) {
        List<Object> files = new ArrayList<>();
        for (Path file : logFiles()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", file.getFileName().toString());
            entry.put("size_bytes", size(file));
            entry.put("mtime_ms", modified(file));
            files.add(entry);
        }
        ctx.json(Map.of("files", files));
    }

    private void tail(Context ctx) {
        String name = ctx.queryParam("file");
        int lines = Math.clamp(Fields.intParam(ctx, "lines", 500), 1, MAX_LINES);
        Path file;
        if (name == null || name.isBlank()) {
            List<Path> files = logFiles();
            if (files.isEmpty()) {
                Map<String, Object> empty = new LinkedHashMap<>();
                empty.put("file", null);
                empty.put("lines", List.of());
                ctx.json(empty);
                return;
            }
            file = files.get(0);
        } else {
            file = resolve(name.trim());
        }
        List<String> rendered = new ArrayList<>();
        for (String line : lastLines(file, lines)) {
            rendered.add(render(line));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file.getFileName().toString());
        body.put("lines", rendered);
        ctx.json(body);
    }

    /** The file of this name in the log directory; never a path outside it. */
    Path resolve(String name) {
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.indexOf('\0') >= 0) {
            throw InvalidRequestException.invalidValue(
                    "file", "Invalid log file name: give a name from GET /api/v1/admin/logs/files.");
        }
        Path file = logDir.resolve(name).normalize();
        if (!file.getParent().equals(logDir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("log_file_not_found", "Log file not found");
        }
        return file;
    }

    private List<Path> logFiles() {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(logDir, "*.log")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparingLong(LogRoutes::modified)
                .reversed()
                .thenComparing(Comparator.<Path>naturalOrder().reversed()));
        return files;
    }

    /** The last {@code count} lines within the last {@link #TAIL_BYTES} of the file. */
    static List<String> lastLines(Path file, int count) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines =
                    new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut in the middle
            }
            lines.removeIf(String::isEmpty);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON log line as {@code time | LEVEL | logger - message}; other lines as they are. */
    static String render(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        Map<String, Object> event;
        try {
            event = JsonCodec.parseObject(line);
        } catch (InvalidRequestException e) {
            return line;
        }
        String time = String.valueOf(event.getOrDefault("time", ""));
        String shortTime = time.length() >= 19 ? time.substring(0, 19).replace('T', ' ') : time;
        String level = String.valueOf(event.getOrDefault("level", "")).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder()
                .append(shortTime)
                .append(" | ")
                .append(String.format("%-8s", level))
                .append(" | ")
                .append(event.getOrDefault("logger", ""))
                .append(" - ")
                .append(event.getOrDefault("msg", ""));
        if (event.get("request_id") instanceof String requestId) {
            out.append(" [").append(requestId).append(']');
        }
        if (event.get("stacktrace") instanceof String stack) {
            out.append('\n').append(stack);
        }
        return out.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
