package io.tributary.fetcher.source.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * gitignore-syntax exclusion rules applied to a source tree before packaging: {@code .sourceignore} files in any
 * directory (each scoped to its directory, outer files first), then {@code spec.ignore} (so it wins). When no pattern
 * exists at all, Flux's default excludes apply; otherwise only the VCS entries plus the user's patterns.
 */
public final class IgnoreRules {

    public static final String SOURCE_IGNORE = ".sourceignore";
    static final List<String> VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");
    static final List<String> DEFAULT_EXCLUDES = List.of(
            "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
            ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
            "cloudbuild.yaml", "codeship-*.yml", "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml");

    /** A pattern line and the directory it applies under ("" for the root). */
    public record Scoped(String domain, String pattern) {
        public static List<Scoped> root(List<String> lines) {
            return lines.stream().map(l -> new Scoped("", l)).toList();
        }
    }

    private record Rule(String domain, FastIgnoreRule rule) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** Root-scoped patterns, e.g. {@code spec.ignore} alone. */
    public static IgnoreRules of(List<String> userPatterns) {
        return scoped(Scoped.root(userPatterns));
    }

    /** Only these patterns: no VCS entries, no default excludes (a Bucket's root {@code .sourceignore} + {@code spec.ignore}). */
    public static IgnoreRules patternsOnly(List<String> patterns) {
        return new IgnoreRules(patterns.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(p -> new Rule("", new FastIgnoreRule(p))).toList());
    }

    /** Whether an object key is excluded: as a file, or because one of its parent directories is. */
    public boolean excludedKey(String key) {
        int slash = key.indexOf('/');
        while (slash > 0) {
            if (excluded(key.substring(0, slash), true)) {
                return true;
            }
            slash = key.indexOf('/', slash + 1);
        }
        return excluded(key, false);
    }

    /** Patterns with their directories; blank lines and comments allowed. */
    public static IgnoreRules scoped(List<Scoped> userPatterns) {
        List<Rule> rules = new ArrayList<>();
        VCS.forEach(p -> rules.add(new Rule("", new FastIgnoreRule(p))));
        List<Scoped> user = userPatterns.stream().map(s -> new Scoped(s.domain(), s.pattern().strip()))
                .filter(s -> !s.pattern().isEmpty() && !s.pattern().startsWith("#")).toList();
        if (user.isEmpty()) {
            DEFAULT_EXCLUDES.forEach(p -> rules.add(new Rule("", new FastIgnoreRule(p))));
        } else {
            user.forEach(s -> rules.add(new Rule(s.domain(), new FastIgnoreRule(s.pattern()))));
        }
        return new IgnoreRules(List.copyOf(rules));
    }

    /** Reads every {@code .sourceignore} under {@code tree} (outer directories first), then appends {@code specIgnore}. */
    public static IgnoreRules read(Path tree, String specIgnore) throws IOException {
        List<Scoped> patterns = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree)) {
            files = walk.filter(p -> p.getFileName().toString().equals(SOURCE_IGNORE) && Files.isRegularFile(p))
                    .filter(p -> !tree.relativize(p).toString().replace('\\', '/').startsWith(".git/"))
                    .sorted(Comparator.comparingInt((Path p) -> tree.relativize(p).getNameCount()).thenComparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            Path parent = tree.relativize(file).getParent();
            String domain = parent == null ? "" : parent.toString().replace('\\', '/');
            Files.readAllLines(file).forEach(line -> patterns.add(new Scoped(domain, line)));
        }
        lines(specIgnore).forEach(line -> patterns.add(new Scoped("", line)));
        return scoped(patterns);
    }

    /** Whether {@code path} (relative, forward slashes) is excluded; the last matching rule wins. */
    public boolean excluded(String path, boolean directory) {
        boolean result = false;
        for (Rule rule : rules) {
            String relative;
            if (rule.domain().isEmpty()) {
                relative = path;
            } else if (path.startsWith(rule.domain() + "/")) {
                relative = path.substring(rule.domain().length() + 1);
            } else {
                continue;
            }
            if (rule.rule().isMatch(relative, directory)) {
                result = rule.rule().getResult();
            }
        }
        return result;
    }

    /** Splits a multi-line {@code spec.ignore} or {@code .sourceignore} text into pattern lines. */
    public static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\\R"));
    }
}
