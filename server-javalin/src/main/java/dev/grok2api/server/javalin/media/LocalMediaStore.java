package dev.grok2api.server.javalin.media;

import dev.grok2api.core.media.MediaEntry;
import dev.grok2api.core.media.MediaKind;
import dev.grok2api.core.media.MediaNames;
import dev.grok2api.core.media.StoredMedia;
import dev.grok2api.core.port.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link MediaStore} in a local directory: {@code <root>/image/<name>} and {@code <root>/video/<name>} (the
 * reference's {@code data/tmp} layout). A file is written to a temporary name in the same directory and renamed into
 * place, so readers never see a partial file. Content types are derived from the name, as the reference does on a
 * cache hit. Names are checked ({@link MediaNames#requireSafe}) and resolved below the root only.
 *
 * <p>Thread-safe.
 */
public final class LocalMediaStore implements MediaStore {
    private final Path root;

    /** @param root the cache directory, created when missing */
    public LocalMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredMedia store(MediaKind kind, String name, Source source) {
        Path target = file(kind, name);
        if (Files.isRegularFile(target)) {
            return describe(kind, name, target);
        }
        Path temp = target.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(temp)) {
                source.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return describe(kind, name, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write media cache file " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<StoredMedia> find(MediaKind kind, String name) {
        if (!MediaNames.isSafe(name)) {
            return Optional.empty();
        }
        Path file = file(kind, name);
        return Files.isRegularFile(file) ? Optional.of(describe(kind, name, file)) : Optional.empty();
    }

    @Override
    public InputStream open(StoredMedia media) {
        try {
            return Files.newInputStream(file(media.kind(), media.name()));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("media file vanished: " + media.name(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<MediaEntry> list(MediaKind kind) {
        Path dir = root.resolve(kind.pathSegment());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MediaEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!MediaNames.isSafe(name)) {
                    continue; // temporary files of writes in progress
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        entries.add(new MediaEntry(
                                kind,
                                name,
                                attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException e) {
                    // Deleted while listing (cleanup or an admin): simply not listed.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list media cache " + dir, e);
        }
        return entries;
    }

    @Override
    public boolean delete(MediaKind kind, String name) {
        if (!MediaNames.isSafe(name)) {
            return false;
        }
        try {
            return Files.deleteIfExists(file(kind, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media cache file " + name, e);
        }
    }

    private Path file(MediaKind kind, String name) {
        Path file = root.resolve(kind.pathSegment())
                .resolve(MediaNames.requireSafe(name))
                .normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("unsafe media name: " + name);
        }
        return file;
    }

    private static StoredMedia describe(MediaKind kind, String name, Path file) {
        try {
            return new StoredMedia(kind, name, kind.contentTypeFor(name), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless: its name starts with a dot and never matches a safe name.
        }
    }
}
