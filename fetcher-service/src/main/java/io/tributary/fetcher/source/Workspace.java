package io.tributary.fetcher.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one fetch, deleted with everything in it when closed. */
public final class Workspace implements AutoCloseable {

    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    public static Workspace create(String prefix) {
        try {
            return new Workspace(Files.createTempDirectory(prefix.replaceAll("[^A-Za-z0-9.-]", "-") + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
