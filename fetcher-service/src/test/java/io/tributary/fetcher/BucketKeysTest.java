package io.tributary.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.fetcher.source.FetchFailure;
import io.tributary.fetcher.source.bucket.BucketFetcher;
import io.tributary.fetcher.source.git.IgnoreRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object keys never leave the download directory; ignore rules apply to keys and their parent directories. */
class BucketKeysTest {

    @TempDir
    Path dir;

    @Test
    void keysThatClimbOutOrAreAbsoluteAreRefused() throws Exception {
        Path root = dir.toRealPath();
        assertThat(BucketFetcher.safeJoin(root, "deploy/app.yaml")).isEqualTo(root.resolve("deploy/app.yaml"));
        for (String key : List.of("../escape.txt", "deploy/../../escape.txt", "/etc/passwd", "a/./b", "a\\..\\b")) {
            assertThatThrownBy(() -> BucketFetcher.safeJoin(root, key)).isInstanceOf(FetchFailure.class)
                    .hasMessageContaining("object key '" + key + "'");
        }
    }

    @Test
    void ignoreRulesMatchKeysAndTheirDirectories() {
        IgnoreRules rules = IgnoreRules.patternsOnly(List.of("docs/", "*.tmp", "!keep.tmp", "# comment"));
        assertThat(rules.excludedKey("docs/readme.md")).isTrue();
        assertThat(rules.excludedKey("a/docs/x.md")).isTrue();
        assertThat(rules.excludedKey("scratch.tmp")).isTrue();
        assertThat(rules.excludedKey("keep.tmp")).isFalse();
        assertThat(rules.excludedKey("logo.png")).isFalse();
        assertThat(rules.excludedKey(".git/config")).isFalse();
    }

    @Test
    void aKeyIsDecidedAloneSoANegationBringsItBackFromAnExcludedDirectory() {
        // Flux's fetchEtagIndex: matcher.Match(strings.Split(key, "/"), false), no VCS entries, no defaults
        IgnoreRules rules = IgnoreRules.patternsOnly(IgnoreRules.lines("docs/\n!docs/keep.md\n*.png\n"));
        assertThat(rules.excludedKey("docs/keep.md")).isFalse();
        assertThat(rules.excludedKey("docs/drop.md")).isTrue();
        assertThat(rules.excludedKey("docs/sub/keep.md")).isTrue();
        assertThat(rules.excludedKey("logo.png")).isTrue();
        assertThat(rules.excludedKey("docs")).isFalse();
        assertThat(IgnoreRules.patternsOnly(List.of()).excludedKey("logo.png")).isFalse();
    }
}
