package io.tributary.fetcher.source;

import java.io.IOException;
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
