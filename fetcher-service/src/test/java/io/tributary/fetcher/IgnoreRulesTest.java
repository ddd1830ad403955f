package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.fetcher.artifact.TreeTar;
import io.tributary.fetcher.source.git.IgnoreRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IgnoreRulesTest {

    @ParameterizedTest(name = "defaults: {0} (dir={1}) excluded={2}")
    @CsvSource({
        ".git, true, true",
        ".github, true, true",
        "logo.png, false, true",
        "deploy/app.yaml, false, false",
        "sub/.sops.yaml, false, true",
        "charts/demo/Chart.yaml, false, false",
        ".gitignore, false, true"})
    void defaultExcludesApplyWhenNoPatternExists(String path, boolean directory, boolean excluded) {
        assertThat(IgnoreRules.of(List.of()).excluded(path, directory)).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "user: {0} (dir={1}) excluded={2}")
    @CsvSource({
        "logo.png, false, false",
        "docs, true, true",
        "docs/keep.md, false, false",
        "a/b/secret.txt, false, true",
        "secret.txt, false, true",
        ".git, true, true",
        "build, false, false",
        "build, true, true"})
    void userPatternsReplaceTheDefaultsAndTheLastMatchWins(String path, boolean directory, boolean excluded) {
        IgnoreRules rules = IgnoreRules.of(IgnoreRules.lines("# comment\ndocs/\n!docs/keep.md\n**/secret.txt\nbuild/\n"));
        assertThat(rules.excluded(path, directory)).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "{0}: {1} (dir={2}) excluded={3}")
    @CsvSource(delimiter = ';', value = {
        // negation re-includes what an earlier pattern excluded
        "'*.log\n!keep.log'; app.log; false; true",
        "'*.log\n!keep.log'; keep.log; false; false",
        "'*.log\n!keep.log'; sub/keep.log; false; false",
        // ** matches any number of directories
        "'**/tmp'; tmp; true; true",
        "'**/tmp'; a/b/tmp; true; true",
        "'a/**/z.txt'; a/z.txt; false; true",
        "'a/**/z.txt'; a/b/c/z.txt; false; true",
        "'a/**/z.txt'; b/z.txt; false; false",
        // directory-only patterns do not match files
        "'cache/'; cache; true; true",
        "'cache/'; cache; false; false",
        "'cache/'; deep/cache; true; true",
        // a leading or middle slash anchors to the root
        "'/root.txt'; root.txt; false; true",
        "'/root.txt'; sub/root.txt; false; false",
        "'docs/build'; docs/build; true; true",
        "'docs/build'; x/docs/build; true; false",
        // character classes and single-character wildcards
        "'file[0-9].txt'; file7.txt; false; true",
        "'file?.txt'; fileAB.txt; false; false",
        // escaped characters and trailing spaces
        "'\\#notacomment'; #notacomment; false; true",
        // a file of comments only holds no pattern, so the defaults still apply
        "'# just a comment'; logo.png; false; true",
    })
    void gitignoreEdgeCases(String patterns, String path, boolean directory, boolean excluded) {
        IgnoreRules rules = IgnoreRules.of(IgnoreRules.lines(patterns.replace("\\n", "\n")));
        assertThat(rules.excluded(path, directory)).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "{0} (dir={1}) excluded={2}")
    @CsvSource({
        "root.tmp, false, true",
        "app/x.tmp, false, true",
        "app/debug.log, false, true",
        "debug.log, false, false",
        "app/keep.tmp, false, false",
        "app/nested/keep.tmp, false, false",
        "other/keep.tmp, false, true",
        "app/secrets, true, true",
        "secrets, true, false",
        "app/spec-wins.yaml, false, true",
        "logo.png, false, false"})
    void sourceIgnoreFilesAreScopedToTheirDirectoryAndSpecIgnoreComesLast(String path, boolean directory, boolean excluded,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tree) throws Exception {
        java.nio.file.Files.writeString(tree.resolve(".sourceignore"), "*.tmp\n");
        java.nio.file.Files.createDirectories(tree.resolve("app/nested"));
        java.nio.file.Files.writeString(tree.resolve("app/.sourceignore"), "*.log\n!keep.tmp\n/secrets/\n");
        java.nio.file.Files.createDirectories(tree.resolve(".git"));
        java.nio.file.Files.writeString(tree.resolve(".git/.sourceignore"), "*\n");
        IgnoreRules rules = IgnoreRules.read(tree, "app/spec-wins.yaml\n");
        assertThat(rules.excluded(path, directory)).isEqualTo(excluded);
    }

    /**
     * Where Flux v1.9 (fluxcd/pkg sourceignore v0.18.0, go-git v5.16.4's matcher) answers otherwise than git or than
     * JGit; each answer was checked against that Go code.
     */
    static Stream<Arguments> fluxAnswers() {
        return Stream.of(
                // an escaped trailing space is kept only when the line ends with "\ "
                Arguments.of(List.of("foo\\ "), "foo ", false, true),
                Arguments.of(List.of("foo\\ "), "foo", false, false),
                Arguments.of(List.of("foo\\ \\ "), "foo  ", false, true),
                Arguments.of(List.of("foo  "), "foo", false, true),
                // "foo\  " loses its unescaped space, then ends in a backslash: it matches nothing
                Arguments.of(List.of("foo\\  "), "foo ", false, false),
                Arguments.of(List.of("foo\\  "), "foo\\", false, false),
                // a trailing backslash is a malformed pattern
                Arguments.of(List.of("foo\\"), "foo\\", false, false),
                Arguments.of(List.of("foo\\"), "foo", false, false),
                // a reversed range is well formed and matches nothing
                Arguments.of(List.of("[z-a]"), "m", false, false),
                Arguments.of(List.of("[z-a]"), "z", false, false),
                Arguments.of(List.of("x[^z-a]"), "xm", false, true),
                // a directory-only negation also brings back everything below the directory
                Arguments.of(List.of("**/c", "!a/**/c/"), "a/b/c", true, false),
                Arguments.of(List.of("**/c", "!a/**/c/"), "a/b/c/x", false, false),
                Arguments.of(List.of("**/c", "!a/**/c/"), "a/b/c", false, true),
                Arguments.of(List.of("**/c", "!a/**/c/"), "a/c", true, false),
                Arguments.of(List.of("**/c", "!a/**/c/"), "x/c", true, true),
                // !data/**/ re-includes the files below data too, so !data/**/*.txt changes nothing
                Arguments.of(List.of("data/**", "!data/**/", "!data/**/*.txt"), "data", true, false),
                Arguments.of(List.of("data/**", "!data/**/", "!data/**/*.txt"), "data/file", false, false),
                Arguments.of(List.of("data/**", "!data/**/", "!data/**/*.txt"), "data/d/file.txt", false, false),
                Arguments.of(List.of("data/**"), "data", true, true),
                Arguments.of(List.of("data/**"), "data", false, true),
                // escapes inside classes; '!' does not negate a class
                Arguments.of(List.of("[\\]]x"), "]x", false, true),
                Arguments.of(List.of("[\\-]"), "-", false, true),
                Arguments.of(List.of("[a\\-z]"), "m", false, false),
                Arguments.of(List.of("[a\\-z]"), "-", false, true),
                Arguments.of(List.of("[\\\\]"), "\\", false, true),
                Arguments.of(List.of("[\\!]x"), "!x", false, true),
                Arguments.of(List.of("[!a]x"), "!x", false, true),
                Arguments.of(List.of("[!a]x"), "bx", false, false),
                Arguments.of(List.of("\\[x]"), "[x]", false, true),
                // leading white space is part of the pattern
                Arguments.of(List.of(" lead"), " lead", false, true),
                Arguments.of(List.of(" lead"), "lead", false, false),
                Arguments.of(List.of("\\!bang"), "!bang", false, true),
                // ** takes the first component that fits and never backtracks
                Arguments.of(List.of("**/a/b"), "a/a/b", false, false),
                Arguments.of(List.of("a**b"), "axxb", false, true),
                Arguments.of(List.of("a/**b"), "a/xb", false, false));
    }

    @ParameterizedTest(name = "{0}: {1} (dir={2}) excluded={3}")
    @MethodSource("fluxAnswers")
    void fluxAnswersWhereGitOrJGitDiffer(List<String> patterns, String path, boolean directory, boolean excluded) {
        assertThat(IgnoreRules.of(patterns).excluded(path, directory)).isEqualTo(excluded);
    }

    private static void write(Path tree, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            Path path = tree.resolve(file.getKey());
            if (file.getKey().endsWith("/")) {
                Files.createDirectories(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        }
    }

    @Test
    void everyPathIsTestedSoNegationsReachBelowExcludedDirectories(@TempDir Path tree) throws IOException {
        write(tree, Map.ofEntries(
                Map.entry(".sourceignore", "docs/\n!docs/keep.md\ndata/**\n!data/**/\n!data/**/*.txt\nvendor/\n"),
                Map.entry("docs/keep.md", ""), Map.entry("docs/drop.md", ""), Map.entry("docs/sub/keep.md", ""),
                Map.entry("data/a.txt", ""), Map.entry("data/b.bin", ""), Map.entry("data/x/c.txt", ""),
                Map.entry("logo.png", ""), Map.entry(".git/config", ""),
                Map.entry("app/.sourceignore", "!*.log\n"), Map.entry("app/debug.log", ""), Map.entry("app/secret", ""),
                Map.entry("app/.git/.sourceignore", "!secret\n"), Map.entry("app/.git/config", ""),
                Map.entry("vendor/.sourceignore", "!keep.go\n"), Map.entry("vendor/keep.go", ""),
                Map.entry("vendor/lib/keep.go", ""), Map.entry("vendor/lib/x.go", "")));
        // what source-controller v1.9.1 archives for this tree, with and without spec.ignore "*.log"
        List<String> common = List.of(".sourceignore", "app/", "app/.sourceignore", "app/secret", "data/", "data/a.txt", "data/b.bin",
                "data/x/", "data/x/c.txt", "docs/keep.md", "logo.png", "vendor/keep.go", "vendor/lib/keep.go");
        IgnoreRules withSpec = IgnoreRules.read(tree, "*.log\n");
        assertThat(TreeTar.entries(tree, withSpec::excluded, TreeTar.Walk.TEST_EVERY_PATH)).isEqualTo(common);
        IgnoreRules withoutSpec = IgnoreRules.read(tree, null);
        assertThat(TreeTar.entries(tree, withoutSpec::excluded, TreeTar.Walk.TEST_EVERY_PATH))
                .isEqualTo(Stream.concat(common.stream(), Stream.of("app/debug.log")).sorted().toList());
    }

    @Test
    void sourceIgnoreFilesLoadRootFirstThenDepthFirstByName(@TempDir Path tree) throws IOException {
        // fluxcd/pkg sourceignore_test.go TestLoadExcludePatterns
        write(tree, Map.of(".sourceignore", "root.txt", "d/.gitignore", "ignored", "z/.sourceignore", "last.txt",
                "a/b/.sourceignore", "subdir.txt", "e/last.txt", "foo", "a/c/subdir.txt", "bar"));
        assertThat(IgnoreRules.sourceIgnoreFiles(tree)).containsExactly(
                new IgnoreRules.Scoped("", "root.txt"), new IgnoreRules.Scoped("a/b", "subdir.txt"), new IgnoreRules.Scoped("z", "last.txt"));
    }

    @Test
    void sourceIgnoreFileTextAndMissingFile(@TempDir Path tree) throws IOException {
        // fluxcd/pkg sourceignore_test.go TestReadIgnoreFile: comments dropped, a missing file gives nothing
        assertThat(IgnoreRules.sourceIgnoreFiles(tree)).isEmpty();
        Files.writeString(tree.resolve(".sourceignore"), "# .sourceignore\nignore-this.txt");
        assertThat(IgnoreRules.read(tree, null).excluded("ignore-this.txt", false)).isTrue();
        assertThat(IgnoreRules.read(tree, null).excluded("logo.png", false)).isFalse();
    }

    @Test
    void ignoreFilesInExcludedDirectoriesStillCount(@TempDir Path tree) throws IOException {
        // go-git v5.16.4 dir_test.go TestDir_ReadPatterns with .sourceignore for .gitignore. Flux reads no
        // .git/info/exclude, so its line goes to spec.ignore; go-git skips ignore_dir/.gitignore because ignore_dir is
        // excluded, Flux reads it, so ignore_dir/file comes back. The global and system excludesfile tests
        // (TestDir_LoadGlobalPatterns*, TestDir_LoadSystemPatterns, TestDir_ReadRelativeGlobalGitIgnore) have no
        // equivalent: Flux reads no git configuration.
        write(tree, Map.ofEntries(
                Map.entry(".sourceignore", "vendor/g*/\nignore.crlf\r\nignore_dir\n"),
                Map.entry("vendor/.sourceignore", "!github.com/\n"),
                Map.entry("ignore_dir/.sourceignore", "!file\n"), Map.entry("ignore_dir/file", ""),
                Map.entry("another/", ""), Map.entry("exclude.crlf/", ""), Map.entry("ignore.crlf/", ""),
                Map.entry("vendor/github.com/", ""), Map.entry("vendor/gopkg.in/", ""),
                Map.entry("multiple/sub/ignores/first/.sourceignore", "ignore_dir\n"),
                Map.entry("multiple/sub/ignores/second/.sourceignore", "ignore_dir\n"),
                Map.entry("multiple/sub/ignores/first/ignore_dir/", ""), Map.entry("multiple/sub/ignores/second/ignore_dir/", "")));
        IgnoreRules rules = IgnoreRules.read(tree, "exclude.crlf\r\n");
        assertThat(IgnoreRules.sourceIgnoreFiles(tree)).hasSize(7);
        assertThat(rules.excluded("exclude.crlf", true)).isTrue();
        assertThat(rules.excluded("ignore.crlf", true)).isTrue();
        assertThat(rules.excluded("vendor/gopkg.in", true)).isTrue();
        assertThat(rules.excluded("ignore_dir/file", false)).isFalse();
        assertThat(rules.excluded("vendor/github.com", true)).isFalse();
        assertThat(rules.excluded("multiple/sub/ignores/first/ignore_dir", true)).isTrue();
        assertThat(rules.excluded("multiple/sub/ignores/second/ignore_dir", true)).isTrue();
        // the whole selection, as source-controller v1.9.1 archives it
        assertThat(TreeTar.entries(tree, rules::excluded, TreeTar.Walk.TEST_EVERY_PATH)).containsExactly(
                ".sourceignore", "another/", "ignore_dir/file", "multiple/", "multiple/sub/", "multiple/sub/ignores/",
                "multiple/sub/ignores/first/", "multiple/sub/ignores/first/.sourceignore", "multiple/sub/ignores/second/",
                "multiple/sub/ignores/second/.sourceignore", "vendor/", "vendor/.sourceignore", "vendor/github.com/");
    }

    @Test
    void helmChartsStillSkipExcludedDirectories(@TempDir Path tree) throws IOException {
        write(tree, Map.of("templates/a.yaml", "", "docs/keep.md", ""));
        assertThat(TreeTar.entries(tree, (path, dir) -> path.equals("docs"), TreeTar.Walk.SKIP_EXCLUDED_DIRECTORIES))
                .containsExactly("templates/", "templates/a.yaml");
        assertThat(TreeTar.entries(tree, (path, dir) -> path.equals("docs"), TreeTar.Walk.TEST_EVERY_PATH))
                .containsExactly("docs/keep.md", "templates/", "templates/a.yaml");
    }
}
