package io.tributary.fetcher.source.ignore;

import java.util.List;

/**
 * One gitignore line as Flux's source-controller v1.9 reads it (fluxcd/pkg sourceignore v0.18.0, whose
 * {@code gitignore} package is go-git v5.16.4's {@code plumbing/format/gitignore}), including where that differs from
 * git:
 * <ul>
 *   <li>a pattern without a slash matches any component of the path, so it also matches everything below a matching
 *       directory; a pattern with a slash matches from the start of its domain and, once its segments are used up,
 *       everything below;</li>
 *   <li>a trailing {@code /**} matches the directory itself too, and {@code **} beside other characters in a segment
 *       of a pattern with a slash never matches;</li>
 *   <li>{@code **}{@code /} takes the first component that matches the next segment, without backtracking;</li>
 *   <li>trailing spaces are trimmed unless the line ends with {@code "\ "}; components match as Go's
 *       {@code filepath.Match} ({@link ComponentGlob}).</li>
 * </ul>
 */
public final class IgnorePattern {

    /** The outcome of one pattern for one path. */
    public enum Result { NO_MATCH, EXCLUDE, INCLUDE }

    private static final String ZERO_TO_MANY_DIRS = "**";

    private final String line;
    private final String[] domain;
    private final boolean inclusion;
    private final boolean dirOnly;
    private final boolean glob;
    private final String[] segments;
    private final ComponentGlob[] globs;

    private IgnorePattern(String line, String[] domain, boolean inclusion, boolean dirOnly, boolean glob, String[] segments) {
        this.line = line;
        this.domain = domain;
        this.inclusion = inclusion;
        this.dirOnly = dirOnly;
        this.glob = glob;
        this.segments = segments;
        this.globs = new ComponentGlob[segments.length];
        for (int i = 0; i < segments.length; i++) {
            globs[i] = ComponentGlob.compile(segments[i]);
        }
    }

    /**
     * Parses one line (comments and blank lines are the reader's business) for paths under {@code domain}, the
     * directory holding the file the line came from (empty for the root).
     */
    public static IgnorePattern parse(String line, List<String> domain) {
        String p = line;
        boolean inclusion = p.startsWith("!");
        if (inclusion) {
            p = p.substring(1);
        }
        if (!p.endsWith("\\ ")) {
            p = trimTrailingSpaces(p);
        }
        boolean dirOnly = p.endsWith("/");
        if (dirOnly) {
            p = p.substring(0, p.length() - 1);
        }
        boolean glob = p.contains("/");
        return new IgnorePattern(line, domain.toArray(String[]::new), inclusion, dirOnly, glob, p.split("/", -1));
    }

    private static String trimTrailingSpaces(String p) {
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == ' ') {
            end--;
        }
        return p.substring(0, end);
    }

    public Result match(IgnorePath path, boolean directory) {
        if (path.names.length <= domain.length) {
            return Result.NO_MATCH;
        }
        for (int i = 0; i < domain.length; i++) {
            if (!path.names[i].equals(domain[i])) {
                return Result.NO_MATCH;
            }
        }
        boolean matched = glob ? globMatch(path, domain.length, directory) : simpleNameMatch(path, domain.length, directory);
        if (!matched) {
            return Result.NO_MATCH;
        }
        return inclusion ? Result.INCLUDE : Result.EXCLUDE;
    }

    /** Any component may match; the last one only if it fits the directory-only rule. */
    private boolean simpleNameMatch(IgnorePath path, int from, boolean directory) {
        int last = path.bytes.length - 1;
        for (int i = from; i <= last; i++) {
            if (!globs[0].matches(path.bytes[i])) {
                continue;
            }
            return !(dirOnly && !directory && i == last);
        }
        return false;
    }

    private boolean globMatch(IgnorePath path, int from, boolean directory) {
        byte[][] names = path.bytes;
        int pos = from;
        boolean matched = false;
        boolean canTraverse = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                canTraverse = false;
                continue;
            }
            if (segment.equals(ZERO_TO_MANY_DIRS)) {
                if (i == segments.length - 1) {
                    break;
                }
                canTraverse = true;
                continue;
            }
            if (segment.contains(ZERO_TO_MANY_DIRS) || pos == names.length) {
                return false;
            }
            if (canTraverse) {
                canTraverse = false;
                while (pos < names.length) {
                    byte[] name = names[pos++];
                    if (globs[i].matches(name)) {
                        matched = true;
                        break;
                    } else if (pos == names.length) {
                        matched = false;
                    }
                }
            } else {
                if (!globs[i].matches(names[pos])) {
                    return false;
                }
                matched = true;
                pos++;
            }
        }
        return !(matched && dirOnly && !directory && pos == names.length) && matched;
    }

    public boolean inclusion() {
        return inclusion;
    }

    public List<String> domain() {
        return List.of(domain);
    }

    /** The line as written. */
    @Override
    public String toString() {
        return line;
    }
}
