package io.tributary.artifact.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Artifacts as files under a root directory, each with a {@code .sha256} sidecar holding its digest. */
public final class FilesystemArtifactStore implements ArtifactStore {

    private static final String DIGEST_SUFFIX = ".sha256";

    private final Path root;

    public FilesystemArtifactStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    public Path root() {
        return root;
    }

    @Override
    public Stored write(ArtifactKey key, Writer writer) throws IOException {
        Path target = resolve(key);
        Path dir = Files.createDirectories(target.getParent());
        Path temp = dir.resolve("." + key.file() + ".tmp-" + UUID.randomUUID());
        try {
            Written written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = writer.writeTo(out);
            }
            Path digestTemp = dir.resolve("." + key.file() + DIGEST_SUFFIX + ".tmp-" + UUID.randomUUID());
            Files.writeString(digestTemp, written.digest(), StandardCharsets.US_ASCII);
            move(digestTemp, dir.resolve(key.file() + DIGEST_SUFFIX));
            move(temp, target);
            return new Stored(key, written.digest(), written.size(), Files.getLastModifiedTime(target).toInstant());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<Stored> stat(ArtifactKey key) throws IOException {
        Path file = resolve(key);
        Path digest = file.resolveSibling(key.file() + DIGEST_SUFFIX);
        try {
            return Optional.of(new Stored(key, Files.readString(digest, StandardCharsets.US_ASCII).trim(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<InputStream> open(ArtifactKey key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Stored> list(String kind, String namespace, String name) throws IOException {
        Path dir = root.resolve(kind).resolve(namespace).resolve(name).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Stored> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> isArtifactFile(p.getFileName().toString())).toList()) {
                stat(new ArtifactKey(kind, namespace, name, file.getFileName().toString())).ifPresent(result::add);
            }
        }
        result.sort(Comparator.comparing(Stored::lastModified).reversed());
        return result;
    }

    @Override
    public List<String[]> objects(String kind) throws IOException {
        Path kindDir = root.resolve(kind).normalize();
        if (!kindDir.startsWith(root) || !Files.isDirectory(kindDir)) {
            return List.of();
        }
        List<String[]> objects = new ArrayList<>();
        try (Stream<Path> namespaces = Files.list(kindDir)) {
            for (Path namespace : namespaces.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> names = Files.list(namespace)) {
                    names.filter(Files::isDirectory).sorted()
                            .forEach(n -> objects.add(new String[] {namespace.getFileName().toString(), n.getFileName().toString()}));
                }
            }
        }
        return objects;
    }

    private static boolean isArtifactFile(String fileName) {
        return !fileName.startsWith(".") && !fileName.endsWith(DIGEST_SUFFIX);
    }

    @Override
    public void delete(ArtifactKey key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(key.file() + DIGEST_SUFFIX));
    }

    @Override
    public void link(ArtifactKey alias, ArtifactKey target) throws IOException {
        Path pointer = linkFile(alias);
        Path dir = Files.createDirectories(pointer.getParent());
        Path temp = dir.resolve(pointer.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.writeString(temp, target.file(), StandardCharsets.UTF_8);
        move(temp, pointer);
    }

    @Override
    public Optional<ArtifactKey> resolveLink(ArtifactKey alias) throws IOException {
        try {
            String target = Files.readString(linkFile(alias), StandardCharsets.UTF_8).trim();
            return Optional.of(new ArtifactKey(alias.kind(), alias.namespace(), alias.name(), target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path linkFile(ArtifactKey alias) {
        return resolve(alias).resolveSibling("." + alias.file() + ".link");
    }

    private Path resolve(ArtifactKey key) {
        Path path = root.resolve(key.path()).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("artifact path escapes the storage root: " + key.path());
        }
        return path;
    }
}
