package io.tributary.fetcher.source.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flux's {@code sourceignore} package: fluxcd/pkg {@code sourceignore/sourceignore_test.go} at tag sourceignore/v0.18.0
 * (commit ce85a0fe650dea36488c2f57529b3ba1ad14562f), the rows of TestReadPatterns, TestReadIgnoreFile (its text part;
 * the file part is in IgnoreRulesTest), TestVCSPatterns and TestDefaultPatterns; then how Go's line scanner splits
 * pattern text. TestLoadExcludePatterns walks a tree and is ported in IgnoreRulesTest.
 */
class IgnoreSourceIgnoreTest {

    static Stream<Arguments> readPatterns() {
        return Stream.of(
                Arguments.of("simple", "ignore-dir/*\n!ignore-dir/include\n", List.of(),
                        List.of("ignore-dir/file.yaml"), List.of("file.yaml", "ignore-dir/include")),
                Arguments.of("with comments", "ignore-dir/*\n# !ignore-dir/include", List.of(),
                        List.of("ignore-dir/file.yaml", "ignore-dir/include"), List.of()),
                Arguments.of("domain scoped", "ignore-dir/*", List.of("domain", "scoped"),
                        List.of("domain/scoped/ignore-dir/file.yaml"), List.of("ignore-dir/file.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readPatterns")
    void readPatternsScopesToTheDomain(String name, String text, List<String> domain, List<String> matches, List<String> mismatches) {
        IgnoreMatcher matcher = new IgnoreMatcher(SourceIgnore.readPatterns(text, domain));
        matches.forEach(m -> assertThat(matcher.excluded(IgnorePath.of(m), false)).as(m).isTrue());
        mismatches.forEach(m -> assertThat(matcher.excluded(IgnorePath.of(m), false)).as(m).isFalse());
    }

    @Test
    void readIgnoreFileTextKeepsPatternsNotComments() {
        List<IgnorePattern> patterns = SourceIgnore.readPatterns("# .sourceignore\nignore-this.txt", List.of("tmp", "x"));
        assertThat(patterns).extracting(IgnorePattern::toString).containsExactly("ignore-this.txt");
        assertThat(patterns.get(0).domain()).containsExactly("tmp", "x");
    }

    static Stream<Arguments> defaultMatcher() {
        return Stream.of(
                // TestVCSPatterns
                Arguments.of("vcs simple matches", List.of(), List.of(), List.of(".git/config", ".gitignore"),
                        List.of("workload.yaml", "workload.yml", "simple.txt")),
                Arguments.of("vcs domain scoped matches", List.of("directory"), List.of(),
                        List.of("directory/.git/config", "directory/.gitignore"), List.of("other/.git/config")),
                // TestDefaultPatterns
                Arguments.of("defaults simple matches", List.of(), List.of(),
                        List.of("image.jpg", "archive.tar.gz", ".github/workflows/workflow.yaml", "subdir/.flux.yaml", "subdir2/.sops.yaml"),
                        List.of("workload.yaml", "workload.yml", "simple.txt")),
                Arguments.of("defaults domain scoped matches", List.of("directory"), List.of(),
                        List.of("directory/image.jpg", "directory/archive.tar.gz"), List.of("other/image.jpg", "other/archive.tar.gz")),
                Arguments.of("defaults patterns", List.of(), List.of("!*.jpg"), List.of(), List.of("image.jpg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultMatcher")
    void defaultMatcherHasTheVcsEntriesAndDefaultExcludesBelowThePatterns(String name, List<String> domain, List<String> lines,
            List<String> matches, List<String> mismatches) {
        IgnoreMatcher matcher = SourceIgnore.defaultMatcher(lines.stream().map(l -> IgnorePattern.parse(l, List.of())).toList(), domain);
        matches.forEach(m -> assertThat(matcher.excluded(IgnorePath.of(m), false)).as(m).isTrue());
        mismatches.forEach(m -> assertThat(matcher.excluded(IgnorePath.of(m), false)).as(m).isFalse());
    }

    @Test
    void defaultsAreFluxsLists() {
        // sourceignore.go ExcludeVCS, ExcludeExt, ExcludeCI, ExcludeExtra
        assertThat(String.join(",", SourceIgnore.EXCLUDE_VCS)).isEqualTo(".git/,.gitignore,.gitmodules,.gitattributes");
        assertThat(String.join(",", SourceIgnore.EXCLUDE_EXT)).isEqualTo("*.jpg,*.jpeg,*.gif,*.png,*.wmv,*.flv,*.tar.gz,*.zip");
        assertThat(String.join(",", SourceIgnore.EXCLUDE_CI)).isEqualTo(
                ".github/,.circleci/,.travis.yml,.gitlab-ci.yml,appveyor.yml,.drone.yml,cloudbuild.yaml,codeship-services.yml,codeship-steps.yml");
        assertThat(String.join(",", SourceIgnore.EXCLUDE_EXTRA)).isEqualTo("**/.goreleaser.yml,**/.sops.yaml,**/.flux.yaml");
        IgnoreMatcher defaults = SourceIgnore.archiveFilter(List.of(), List.of());
        assertThat(defaults.excluded(IgnorePath.of("codeship-steps.yml"), false)).isTrue();
        assertThat(defaults.excluded(IgnorePath.of("codeship-other.yml"), false)).isFalse();
    }

    @Test
    void archiveFilterDropsTheDefaultsOnceAnyPatternExists() {
        IgnoreMatcher filter = SourceIgnore.archiveFilter(List.of(IgnorePattern.parse("*.txt", List.of())), List.of());
        assertThat(filter.excluded(IgnorePath.of("image.jpg"), false)).isFalse();
        assertThat(filter.excluded(IgnorePath.of("notes.txt"), false)).isTrue();
        assertThat(filter.excluded(IgnorePath.of(".git/HEAD"), false)).isTrue();
        assertThat(filter.excluded(IgnorePath.of(".gitmodules"), false)).isTrue();
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("a\nb", List.of("a", "b")),
                Arguments.of("a\nb\n", List.of("a", "b")),
                Arguments.of("a\r\nb\r\n", List.of("a", "b")),
                Arguments.of("a\rb\n", List.of("a\rb")),
                Arguments.of("a\r\r\n", List.of("a\r")),
                Arguments.of("\n\n", List.of("", "")),
                Arguments.of("", List.of()),
                Arguments.of("a\u2028b\u0085c", List.of("a\u2028b\u0085c")));
    }

    @ParameterizedTest(name = "lines #{index}")
    @MethodSource("lines")
    void linesSplitLikeGosScanner(String text, List<String> expected) {
        assertThat(SourceIgnore.lines(text)).isEqualTo(expected);
    }

    @Test
    void aLineOf64KiBOrMoreEndsTheText() {
        String fits = "x".repeat(SourceIgnore.MAX_LINE_BYTES - 1);
        assertThat(SourceIgnore.lines("a\n" + fits + "\nb")).containsExactly("a", fits, "b");
        String tooLong = "x".repeat(SourceIgnore.MAX_LINE_BYTES);
        assertThat(SourceIgnore.lines("a\n" + tooLong + "\nb")).containsExactly("a");
        // bytes, not characters, count: 21,846 three-byte characters are 65,538 bytes
        assertThat(SourceIgnore.lines("a\n" + "\u20ac".repeat(21_846) + "\nb")).containsExactly("a");
    }

    @Test
    void onlyColumnOneHashesAndAllWhiteSpaceLinesAreSkipped() {
        List<IgnorePattern> patterns = SourceIgnore.readPatterns("#c\n #not-a-comment\n \t\n\u00a0\n\u3000\n\\#lit\n lead\n", List.of());
        assertThat(patterns).extracting(IgnorePattern::toString).containsExactly(" #not-a-comment", "\\#lit", " lead");
        IgnoreMatcher matcher = new IgnoreMatcher(patterns);
        assertThat(matcher.excluded(IgnorePath.of(" lead"), false)).isTrue();
        assertThat(matcher.excluded(IgnorePath.of("lead"), false)).isFalse();
        assertThat(matcher.excluded(IgnorePath.of("#lit"), false)).isTrue();
        assertThat(matcher.excluded(IgnorePath.of(" #not-a-comment"), false)).isTrue();
        // U+001F is white space to Java, not to Go: that line is a pattern
        assertThat(SourceIgnore.readPatterns("\u001f", List.of())).hasSize(1);
    }
}
