package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.fetcher.source.git.IgnoreRules;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
