package io.tributary.fetcher.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a directory tree as an uncompressed tar, entries in lexical order of their paths, regular files and
 * directories only; artifact-service normalises headers and compresses.
 */
public final class TreeTar {

    /** What an excluded directory means for what lies below it. */
    public enum Walk {
        /** Nothing below it is visited (Helm's chart loader). */
        SKIP_EXCLUDED_DIRECTORIES,
        /**
         * Only the directory's own entry is left out; every path below is still decided on its own (Flux's artifact
         * archive, which walks the whole tree and tests each path).
         */
        TEST_EVERY_PATH
    }

    private TreeTar() {
    }

    /**
     * @param root the tree
     * @param prefix prepended to every entry name (e.g. {@code chart/}), or empty
     * @param excluded tells, for a path relative to root and whether it is a directory, if it is left out
     * @param walk whether an excluded directory's contents are still visited
     */
    public static void write(Path root, String prefix, BiPredicate<String, Boolean> excluded, Walk walk, OutputStream out)
            throws IOException {
        List<String> entries = entries(root, excluded, walk);
        if (!prefix.isEmpty()) {
            entries.add("");
        }
        entries.replaceAll(e -> prefix + e);
        entries.removeIf(String::isEmpty);
        entries.sort(null);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (String name : entries) {
            String relative = name.substring(prefix.length());
            if (name.endsWith("/")) {
                tar.putArchiveEntry(new TarArchiveEntry(name));
                tar.closeArchiveEntry();
                continue;
            }
            Path file = root.resolve(relative);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(file));
            entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
            tar.putArchiveEntry(entry);
            Files.copy(file, tar);
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    /** The entries kept, relative to root, directories with a trailing slash, in lexical order. */
    public static List<String> entries(Path root, BiPredicate<String, Boolean> excluded, Walk walk) throws IOException {
        List<String> entries = new ArrayList<>();
        collect(root, root, excluded, walk, entries);
        entries.sort(null);
        return entries;
    }

    private static void collect(Path root, Path dir, BiPredicate<String, Boolean> excluded, Walk walk, List<String> entries)
            throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                String relative = root.relativize(child).toString().replace('\\', '/');
                if (Files.isSymbolicLink(child)) {
                    continue;
                }
                boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                boolean left = excluded.test(relative, directory);
                if (directory) {
                    if (!left) {
                        entries.add(relative + "/");
                    }
                    if (!left || walk == Walk.TEST_EVERY_PATH) {
                        collect(root, child, excluded, walk, entries);
                    }
                } else if (!left && Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(relative);
                }
            }
        }
    }
}
