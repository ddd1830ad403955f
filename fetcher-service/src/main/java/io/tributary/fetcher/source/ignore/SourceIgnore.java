package io.tributary.fetcher.source.ignore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flux's {@code sourceignore} package (fluxcd/pkg sourceignore v0.18.0, used by source-controller v1.9): the ignore
 * file name, the patterns every artifact leaves out, how pattern text is read, and which matcher an archive uses.
 */
public final class SourceIgnore {

    public static final String IGNORE_FILE = ".sourceignore";
    public static final List<String> EXCLUDE_VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");
    public static final List<String> EXCLUDE_EXT = List.of("*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip");
    public static final List<String> EXCLUDE_CI = List.of(".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml",
            ".drone.yml", "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml");
    public static final List<String> EXCLUDE_EXTRA = List.of("**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml");

    /** bufio.Scanner's default limit: a line this long (in UTF-8 bytes) or longer stops the reading. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private SourceIgnore() {
    }

    public static List<IgnorePattern> vcsPatterns(List<String> domain) {
        return EXCLUDE_VCS.stream().map(p -> IgnorePattern.parse(p, domain)).toList();
    }

    /** The extension, CI and extra excludes, used only when no pattern is given at all. */
    public static List<IgnorePattern> defaultPatterns(List<String> domain) {
        return Stream.of(EXCLUDE_EXT, EXCLUDE_CI, EXCLUDE_EXTRA).flatMap(List::stream).map(p -> IgnorePattern.parse(p, domain)).toList();
    }

    /**
     * The patterns in a text: every line that does not start with {@code #} and is not all white space, kept as written
     * (leading white space is part of the pattern).
     */
    public static List<IgnorePattern> readPatterns(String text, List<String> domain) {
        List<IgnorePattern> patterns = new ArrayList<>();
        for (String line : lines(text)) {
            if (!line.startsWith("#") && !blank(line)) {
                patterns.add(IgnorePattern.parse(line, domain));
            }
        }
        return patterns;
    }

    /**
     * Go's {@code bufio.Scanner} lines: split on {@code \n}, one trailing {@code \r} dropped, no empty last line; a line
     * of 64 KiB or more ends the text there, as the scanner stops with an error Flux does not check.
     */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end);
            if (line.length() >= MAX_LINE_BYTES / 3 && line.getBytes(StandardCharsets.UTF_8).length >= MAX_LINE_BYTES) {
                break;
            }
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        return lines;
    }

    /** Go's strings.TrimSpace(s) == "": only Unicode white space. */
    static boolean blank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!goSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean goSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /**
     * The matcher an archive applies (Flux's {@code SourceIgnoreFilter}): the VCS entries below the given patterns, or,
     * when there are none, the VCS entries and the default excludes.
     */
    public static IgnoreMatcher archiveFilter(List<IgnorePattern> patterns, List<String> domain) {
        if (patterns.isEmpty()) {
            return defaultMatcher(patterns, domain);
        }
        List<IgnorePattern> all = new ArrayList<>(vcsPatterns(domain));
        all.addAll(patterns);
        return new IgnoreMatcher(all);
    }

    /** Flux's {@code NewDefaultMatcher}: the VCS entries, the default excludes, then the given patterns. */
    public static IgnoreMatcher defaultMatcher(List<IgnorePattern> patterns, List<String> domain) {
        List<IgnorePattern> all = new ArrayList<>(vcsPatterns(domain));
        all.addAll(defaultPatterns(domain));
        all.addAll(patterns);
        return new IgnoreMatcher(all);
    }
}
