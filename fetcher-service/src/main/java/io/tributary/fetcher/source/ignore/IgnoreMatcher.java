package io.tributary.fetcher.source.ignore;

import java.util.List;

/** Patterns in increasing priority: the last one that matches a path decides; none matching keeps the path. */
public final class IgnoreMatcher {

    private final IgnorePattern[] patterns;

    public IgnoreMatcher(List<IgnorePattern> patterns) {
        this.patterns = patterns.toArray(IgnorePattern[]::new);
    }

    public boolean excluded(IgnorePath path, boolean directory) {
        for (int i = patterns.length - 1; i >= 0; i--) {
            IgnorePattern.Result result = patterns[i].match(path, directory);
            if (result != IgnorePattern.Result.NO_MATCH) {
                return result == IgnorePattern.Result.EXCLUDE;
            }
        }
        return false;
    }

    public List<IgnorePattern> patterns() {
        return List.of(patterns);
    }
}
