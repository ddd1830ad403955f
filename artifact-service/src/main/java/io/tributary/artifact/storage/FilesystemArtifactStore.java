package io.tributary.artifact.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Artifacts as files under a root directory, each with a {@code .sha256} sidecar holding its digest (see
 * {@link Sidecar}). Every write goes to a {@code .tmp-<uuid>} file first and is renamed into place; {@link #recover()}
 * removes what a killed process left behind.
 */
public final class FilesystemArtifactStore implements ArtifactStore {

    /** What {@link #recover()} found and fixed. */
    public record Recovery(int leftoversRemoved, int orphanSidecarsRemoved, int digestsRepaired) {
        public boolean nothingToDo() {
            return leftoversRemoved == 0 && orphanSidecarsRemoved == 0 && digestsRepaired == 0;
        }
    }

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
        Path temp = dir.resolve(StorageNames.tempFile());
        Path sidecarTemp = dir.resolve(StorageNames.tempFile());
        try {
            Written written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = writer.writeTo(out);
            }
            BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class);
            Files.writeString(sidecarTemp, Sidecar.of(written.digest(), attributes.size(), nanos(attributes)).format(),
                    StandardCharsets.US_ASCII);
            // the sidecar first: a crash between the renames leaves a sidecar whose stamp does not match the old file
            move(sidecarTemp, sidecar(target));
            move(temp, target);
            return new Stored(key, written.digest(), attributes.size(), attributes.lastModifiedTime().toInstant());
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(sidecarTemp);
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
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(key, digest(file, attributes), attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    /** The sidecar's digest when its stamp matches the file, else the digest computed from the file (and the sidecar rewritten). */
    private String digest(Path file, BasicFileAttributes attributes) throws IOException {
        Optional<Sidecar> recorded = readSidecar(file);
        if (recorded.isPresent() && recorded.get().describes(attributes.size(), nanos(attributes))) {
            return recorded.get().digest();
        }
        return repair(file, attributes);
    }

    private Optional<Sidecar> readSidecar(Path file) throws IOException {
        try {
            return Sidecar.parse(Files.readString(sidecar(file), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private String repair(Path file, BasicFileAttributes attributes) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        Path temp = file.resolveSibling(StorageNames.tempFile());
        try {
            Files.writeString(temp, Sidecar.of(digest, attributes.size(), nanos(attributes)).format(), StandardCharsets.US_ASCII);
            move(temp, sidecar(file));
        } finally {
            Files.deleteIfExists(temp);
        }
        return digest;
    }

    @Override
    public Optional<InputStream> open(ArtifactKey key) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file));
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
        for (Path file : artifactFiles(dir)) {
            stat(new ArtifactKey(kind, namespace, name, file.getFileName().toString())).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(Stored::lastModified).reversed());
        return result;
    }

    private static List<Path> artifactFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> StorageNames.isArtifactFile(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    @Override
    public List<String[]> objects(String kind) throws IOException {
        Path kindDir = root.resolve(kind).normalize();
        if (!kindDir.startsWith(root) || !Files.isDirectory(kindDir)) {
            return List.of();
        }
        List<String[]> objects = new ArrayList<>();
        for (Path dir : objectDirs(kindDir)) {
            objects.add(new String[] {dir.getParent().getFileName().toString(), dir.getFileName().toString()});
        }
        return objects;
    }

    private static List<Path> objectDirs(Path kindDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> namespaces = Files.list(kindDir)) {
            for (Path namespace : namespaces.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> names = Files.list(namespace)) {
                    names.filter(Files::isDirectory).sorted().forEach(dirs::add);
                }
            }
        }
        return dirs;
    }

    @Override
    public void delete(ArtifactKey key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        Files.deleteIfExists(sidecar(file));
    }

    @Override
    public void link(ArtifactKey alias, ArtifactKey target) throws IOException {
        Path pointer = linkFile(alias);
        Path dir = Files.createDirectories(pointer.getParent());
        Path temp = dir.resolve(StorageNames.tempFile());
        try {
            Files.writeString(temp, target.file(), StandardCharsets.UTF_8);
            move(temp, pointer);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<ArtifactKey> resolveLink(ArtifactKey alias) throws IOException {
        String target;
        try {
            target = Files.readString(linkFile(alias), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArtifactKey(alias.kind(), alias.namespace(), alias.name(), target));
        } catch (IllegalArgumentException notAnArtifact) {
            return Optional.empty();
        }
    }

    /**
     * Clears what writes interrupted by a killed process left: temporary files, sidecars whose artifact is gone, and
     * sidecars that do not describe their artifact (their digest is computed again). Call before serving.
     */
    public Recovery recover() throws IOException {
        int leftovers = 0;
        int orphans = 0;
        int repaired = 0;
        for (String kind : ArtifactKey.KINDS.keySet()) {
            Path kindDir = root.resolve(kind);
            if (!Files.isDirectory(kindDir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path dir : objectDirs(kindDir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        String fileName = file.getFileName().toString();
                        if (StorageNames.isLeftover(fileName)) {
                            leftovers += Files.deleteIfExists(file) ? 1 : 0;
                        } else if (StorageNames.isDigestSidecar(fileName)
                                && !Files.exists(file.resolveSibling(fileName.substring(0, fileName.length() - StorageNames.DIGEST_SUFFIX.length())),
                                        LinkOption.NOFOLLOW_LINKS)) {
                            orphans += Files.deleteIfExists(file) ? 1 : 0;
                        }
                    }
                }
                for (Path file : artifactFiles(dir)) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    Optional<Sidecar> recorded = readSidecar(file);
                    if (recorded.isEmpty() || !recorded.get().describes(attributes.size(), nanos(attributes))) {
                        repair(file, attributes);
                        repaired++;
                    }
                }
            }
        }
        return new Recovery(leftovers, orphans, repaired);
    }

    private Path linkFile(ArtifactKey alias) {
        return resolve(alias).resolveSibling(StorageNames.linkFile(alias.file()));
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(StorageNames.digestSidecar(file.getFileName().toString()));
    }

    private static long nanos(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private Path resolve(ArtifactKey key) {
        Path path = root.resolve(key.path()).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("artifact path escapes the storage root: " + key.path());
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
