package io.tributary.fetcher.source.git;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * gitignore-syntax exclusion rules applied to a source tree before packaging. When no pattern exists at all,
 * Flux's default excludes apply; otherwise only the VCS entries plus the user's patterns.
 */
public final class IgnoreRules {

    static final List<String> VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");
    static final List<String> DEFAULT_EXCLUDES = List.of(
            "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
            ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
            "cloudbuild.yaml", "codeship-*.yml", "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml");

    private final List<FastIgnoreRule> rules;

    private IgnoreRules(List<FastIgnoreRule> rules) {
        this.rules = rules;
    }

    /** {@code userPatterns}: lines from {@code .sourceignore} then {@code spec.ignore}; blank lines and comments allowed. */
    public static IgnoreRules of(List<String> userPatterns) {
        List<String> lines = new ArrayList<>(VCS);
        List<String> user = userPatterns.stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        lines.addAll(user.isEmpty() ? DEFAULT_EXCLUDES : user);
        return new IgnoreRules(lines.stream().map(FastIgnoreRule::new).toList());
    }

    /** Whether {@code path} (relative, forward slashes) is excluded; the last matching rule wins. */
    public boolean excluded(String path, boolean directory) {
        boolean result = false;
        for (FastIgnoreRule rule : rules) {
            if (rule.isMatch(path, directory)) {
                result = rule.getResult();
            }
        }
        return result;
    }

    /** Splits a multi-line {@code spec.ignore} or {@code .sourceignore} text into pattern lines. */
    public static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\\R"));
    }
}
