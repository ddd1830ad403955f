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
}
