package io.tributary.fetcher.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory for one fetch ({@link Workspaces#create}), deleted with everything in it when closed. */
public final class Workspace implements AutoCloseable {

    private final Path dir;

    Workspace(Path dir) {
        this.dir = dir;
    }

    /** A workspace in the JVM's temporary directory, for tools and tests outside the service. */
    public static Workspace temporary(String prefix) {
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
        try {
            delete(dir);
        } catch (IOException ignored) {
            // what is left is removed at the next start-up
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
