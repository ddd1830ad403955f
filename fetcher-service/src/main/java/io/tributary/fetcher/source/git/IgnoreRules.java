package io.tributary.fetcher.source.git;

import io.tributary.fetcher.source.ignore.IgnoreMatcher;
import io.tributary.fetcher.source.ignore.IgnorePath;
import io.tributary.fetcher.source.ignore.IgnorePattern;
import io.tributary.fetcher.source.ignore.SourceIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exclusion rules Flux's source-controller v1.9 applies to a source tree before packaging: {@code .sourceignore}
 * files in any directory (each scoped to its directory, the root's first, then depth first in name order), then
 * {@code spec.ignore} (so it wins). When no pattern exists at all, Flux's default excludes apply; otherwise only the
 * VCS entries plus the given patterns. Every path is decided on its own, so a negation can bring back a file below an
 * excluded directory (see {@link io.tributary.fetcher.artifact.TreeTar}).
 */
public final class IgnoreRules {

    public static final String SOURCE_IGNORE = SourceIgnore.IGNORE_FILE;

    /** A pattern line and the directory it applies under ("" for the root). */
    public record Scoped(String domain, String pattern) {
        public static List<Scoped> root(List<String> lines) {
            return lines.stream().map(l -> new Scoped("", l)).toList();
        }
    }

    private final IgnoreMatcher matcher;

    private IgnoreRules(IgnoreMatcher matcher) {
        this.matcher = matcher;
    }

    /** Root-scoped patterns, e.g. {@code spec.ignore} alone. */
    public static IgnoreRules of(List<String> userPatterns) {
        return scoped(Scoped.root(userPatterns));
    }

    /** Only these patterns: no VCS entries, no default excludes (a Bucket's root {@code .sourceignore} + {@code spec.ignore}). */
    public static IgnoreRules patternsOnly(List<String> lines) {
        return new IgnoreRules(new IgnoreMatcher(patterns(Scoped.root(lines))));
    }

    /**
     * Whether a Bucket object key is excluded. Flux tests the key alone, as a file split on every slash; a pattern that
     * matches one of its directories matches the key too, and a later negation can bring it back.
     */
    public boolean excludedKey(String key) {
        return matcher.excluded(IgnorePath.of(key), false);
    }

    /** Patterns with their directories; blank lines and comments allowed. */
    public static IgnoreRules scoped(List<Scoped> userPatterns) {
        return new IgnoreRules(SourceIgnore.archiveFilter(patterns(userPatterns), List.of()));
    }

    private static List<IgnorePattern> patterns(List<Scoped> lines) {
        List<IgnorePattern> patterns = new ArrayList<>();
        for (Scoped line : lines) {
            List<String> domain = line.domain().isEmpty() ? List.of() : Arrays.asList(line.domain().split("/"));
            patterns.addAll(SourceIgnore.readPatterns(line.pattern(), domain));
        }
        return patterns;
    }

    /** Reads every {@code .sourceignore} under {@code tree} as Flux's {@code LoadIgnorePatterns} does, then {@code specIgnore}. */
    public static IgnoreRules read(Path tree, String specIgnore) throws IOException {
        List<Scoped> patterns = new ArrayList<>(sourceIgnoreFiles(tree));
        lines(specIgnore).forEach(line -> patterns.add(new Scoped("", line)));
        return scoped(patterns);
    }

    /** The lines of every {@code .sourceignore} under {@code tree}, in the order Flux loads them. */
    public static List<Scoped> sourceIgnoreFiles(Path tree) throws IOException {
        List<Scoped> patterns = new ArrayList<>();
        load(tree, "", patterns);
        return patterns;
    }

    /** This directory's file, then each subdirectory in name order except those named {@code .git}, excluded or not. */
    private static void load(Path dir, String domain, List<Scoped> patterns) throws IOException {
        Path file = dir.resolve(SOURCE_IGNORE);
        if (Files.exists(file) && !Files.isDirectory(file)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            lines(text).forEach(line -> patterns.add(new Scoped(domain, line)));
        }
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !entry.getFileName().toString().equals(".git")) {
                    children.add(entry.getFileName().toString());
                }
            }
        }
        children.sort(null);
        for (String child : children) {
            load(dir.resolve(child), domain.isEmpty() ? child : domain + "/" + child, patterns);
        }
    }

    /** Whether {@code path} (relative, forward slashes) is excluded; the last matching rule wins. */
    public boolean excluded(String path, boolean directory) {
        return matcher.excluded(IgnorePath.of(path), directory);
    }

    /** Splits a multi-line {@code spec.ignore} or {@code .sourceignore} text into lines as Flux reads them. */
    public static List<String> lines(String text) {
        return SourceIgnore.lines(text);
    }
}
