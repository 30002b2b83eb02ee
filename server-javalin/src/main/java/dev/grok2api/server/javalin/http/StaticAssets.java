package dev.grok2api.server.javalin.http;

import dev.grok2api.admin.ui.AdminUi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The admin UI files, read once from the admin-ui jar (or its classes directory) into memory. Each file gets an ETag
 * from its content and the whole set a version string, so pages can cache-bust their assets with {@code ?v=}.
 * Immutable and thread-safe.
 */
public final class StaticAssets {
    /** One file: its bytes, content type (with UTF-8 for text) and ETag. */
    public record Asset(byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> files;
    private final String version;

    private StaticAssets(Map<String, Asset> files, String version) {
        this.files = files;
        this.version = version;
    }

    /** Loads every file under the admin-ui classpath root. */
    public static StaticAssets load() {
        URL marker = AdminUi.class.getResource("/" + AdminUi.CLASSPATH_ROOT + "/login.html");
        if (marker == null) {
            throw new IllegalStateException("admin-ui resources are missing from the classpath");
        }
        Map<String, Asset> files = new TreeMap<>();
        try {
            if (marker.getProtocol().equals("jar")) {
                String jar = marker.toString().substring(0, marker.toString().indexOf("!/"));
                try (FileSystem fs = FileSystems.newFileSystem(new URL(jar + "!/").toURI(), Map.of())) {
                    read(fs.getPath("/" + AdminUi.CLASSPATH_ROOT), files);
                }
            } else {
                read(Path.of(marker.toURI()).getParent(), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        MessageDigest all = sha256();
        files.forEach((name, asset) -> {
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update(asset.etag().getBytes(StandardCharsets.UTF_8));
        });
        return new StaticAssets(Map.copyOf(files), HexFormat.of().formatHex(all.digest(), 0, 6));
    }

    private static void read(Path root, Map<String, Asset> files) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                byte[] bytes;
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readAllBytes();
                }
                String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes), 0, 8) + "\"";
                files.put(name, new Asset(bytes, contentType(name), etag));
            }
        }
    }

    /** A short hash of all files: changes whenever any asset changes. */
    public String version() {
        return version;
    }

    /** The file at this path relative to the UI root (e.g. {@code assets/app.css}), if any. */
    public Optional<Asset> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** An HTML page with {@code {{version}}} replaced by the asset version. */
    public Optional<String> page(String name) {
        return get(name)
                .map(asset -> new String(asset.bytes(), StandardCharsets.UTF_8).replace("{{version}}", version));
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "svg" -> "image/svg+xml; charset=utf-8";
            case "txt" -> "text/plain; charset=utf-8";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "webp" -> "image/webp";
            case "woff2" -> "font/woff2";
            default -> "application/octet-stream";
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
