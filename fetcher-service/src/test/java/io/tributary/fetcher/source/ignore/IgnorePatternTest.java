package io.tributary.fetcher.source.ignore;

import static io.tributary.fetcher.source.ignore.IgnorePattern.Result.EXCLUDE;
import static io.tributary.fetcher.source.ignore.IgnorePattern.Result.INCLUDE;
import static io.tributary.fetcher.source.ignore.IgnorePattern.Result.NO_MATCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * go-git's pattern and matcher tests for the matcher Flux v1.9 runs: go-git/go-git v5.16.4
 * {@code plumbing/format/gitignore/pattern_test.go} and {@code matcher_test.go} (identical in v5.19.1 and in fluxcd/pkg
 * sourceignore v0.18.0's copy), every row; then the rows go-git's main branch (commit
 * 374c354884f12ea0a8f80ae9c429a44a33ba4bb1) added, with Flux's answer where it differs.
 */
class IgnorePatternTest {

    private static Arguments p(String name, String pattern, List<String> domain, List<String> path, boolean directory,
            IgnorePattern.Result expected) {
        return Arguments.of(name, pattern, domain, path, directory, expected);
    }

    static Stream<Arguments> v5() {
        return Stream.of(
                p("TestSimpleMatch_inclusion", "!vul?ano", List.of(), List.of("value", "vulkano", "tail"), false, INCLUDE),
                p("TestMatch_domainLonger_mismatch", "value", List.of("head", "middle", "tail"), List.of("head", "middle"), false, NO_MATCH),
                p("TestMatch_domainSameLength_mismatch", "value", List.of("head", "middle", "tail"), List.of("head", "middle", "tail"), false, NO_MATCH),
                p("TestMatch_domainMismatch_mismatch", "value", List.of("head", "middle", "tail"), List.of("head", "middle", "_tail_", "value"), false, NO_MATCH),
                p("TestSimpleMatch_withDomain", "middle/", List.of("value", "volcano"), List.of("value", "volcano", "middle", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_onlyMatchInDomain_mismatch", "volcano/", List.of("value", "volcano"), List.of("value", "volcano", "tail"), true, NO_MATCH),
                p("TestSimpleMatch_atStart", "value", List.of(), List.of("value", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_inTheMiddle", "value", List.of(), List.of("head", "value", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_atEnd", "value", List.of(), List.of("head", "value"), false, EXCLUDE),
                p("TestSimpleMatch_atStart_dirWanted", "value/", List.of(), List.of("value", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_inTheMiddle_dirWanted", "value/", List.of(), List.of("head", "value", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_atEnd_dirWanted", "value/", List.of(), List.of("head", "value"), true, EXCLUDE),
                p("TestSimpleMatch_atEnd_dirWanted_notADir_mismatch", "value/", List.of(), List.of("head", "value"), false, NO_MATCH),
                p("TestSimpleMatch_mismatch", "value", List.of(), List.of("head", "val", "tail"), false, NO_MATCH),
                p("TestSimpleMatch_valueLonger_mismatch", "val", List.of(), List.of("head", "value", "tail"), false, NO_MATCH),
                p("TestSimpleMatch_withAsterisk", "v*o", List.of(), List.of("value", "vulkano", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_withQuestionMark", "vul?ano", List.of(), List.of("value", "vulkano", "tail"), false, EXCLUDE),
                p("TestSimpleMatch_magicChars", "v[ou]l[kc]ano", List.of(), List.of("value", "volcano"), false, EXCLUDE),
                p("TestSimpleMatch_wrongPattern_mismatch", "v[ou]l[", List.of(), List.of("value", "vol["), false, NO_MATCH),
                p("TestGlobMatch_fromRootWithSlash", "/value/vul?ano", List.of(), List.of("value", "vulkano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_withDomain", "middle/tail/", List.of("value", "volcano"), List.of("value", "volcano", "middle", "tail"), true, EXCLUDE),
                p("TestGlobMatch_onlyMatchInDomain_mismatch", "volcano/tail", List.of("value", "volcano"), List.of("value", "volcano", "tail"), false, NO_MATCH),
                p("TestGlobMatch_fromRootWithoutSlash", "value/vul?ano", List.of(), List.of("value", "vulkano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_fromRoot_mismatch", "value/vulkano", List.of(), List.of("value", "volcano"), false, NO_MATCH),
                p("TestGlobMatch_fromRoot_tooShort_mismatch", "value/vul?ano", List.of(), List.of("value"), false, NO_MATCH),
                p("TestGlobMatch_fromRoot_notAtRoot_mismatch", "/value/volcano", List.of(), List.of("value", "value", "volcano"), false, NO_MATCH),
                p("TestGlobMatch_leadingAsterisks_atStart", "**/*lue/vol?ano", List.of(), List.of("value", "volcano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_leadingAsterisks_notAtStart", "**/*lue/vol?ano", List.of(), List.of("head", "value", "volcano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_leadingAsterisks_mismatch", "**/*lue/vol?ano", List.of(), List.of("head", "value", "Volcano", "tail"), false, NO_MATCH),
                p("TestGlobMatch_leadingAsterisks_isDir", "**/*lue/vol?ano/", List.of(), List.of("head", "value", "volcano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_leadingAsterisks_isDirAtEnd", "**/*lue/vol?ano/", List.of(), List.of("head", "value", "volcano"), true, EXCLUDE),
                p("TestGlobMatch_leadingAsterisks_isDir_mismatch", "**/*lue/vol?ano/", List.of(), List.of("head", "value", "Colcano"), true, NO_MATCH),
                p("TestGlobMatch_leadingAsterisks_isDirNoDirAtEnd_mismatch", "**/*lue/vol?ano/", List.of(), List.of("head", "value", "volcano"), false, NO_MATCH),
                p("TestGlobMatch_tailingAsterisks", "/*lue/vol?ano/**", List.of(), List.of("value", "volcano", "tail", "moretail"), false, EXCLUDE),
                p("TestGlobMatch_tailingAsterisks_exactMatch", "/*lue/vol?ano/**", List.of(), List.of("value", "volcano"), false, EXCLUDE),
                p("TestGlobMatch_middleAsterisks_emptyMatch", "/*lue/**/vol?ano", List.of(), List.of("value", "volcano"), false, EXCLUDE),
                p("TestGlobMatch_middleAsterisks_oneMatch", "/*lue/**/vol?ano", List.of(), List.of("value", "middle", "volcano"), false, EXCLUDE),
                p("TestGlobMatch_middleAsterisks_multiMatch", "/*lue/**/vol?ano", List.of(), List.of("value", "middle1", "middle2", "volcano"), false, EXCLUDE),
                p("TestGlobMatch_middleAsterisks_isDir_trailing", "/*lue/**/vol?ano/", List.of(), List.of("value", "middle1", "middle2", "volcano"), true, EXCLUDE),
                p("TestGlobMatch_middleAsterisks_isDir_trailing_mismatch", "/*lue/**/vol?ano/", List.of(), List.of("value", "middle1", "middle2", "volcano"), false, NO_MATCH),
                p("TestGlobMatch_middleAsterisks_isDir", "/*lue/**/vol?ano/", List.of(), List.of("value", "middle1", "middle2", "volcano", "tail"), false, EXCLUDE),
                p("TestGlobMatch_wrongDoubleAsterisk_mismatch", "/*lue/**foo/vol?ano", List.of(), List.of("value", "foo", "volcano", "tail"), false, NO_MATCH),
                p("TestGlobMatch_magicChars", "**/head/v[ou]l[kc]ano", List.of(), List.of("value", "head", "volcano"), false, EXCLUDE),
                p("TestGlobMatch_wrongPattern_noTraversal_mismatch", "**/head/v[ou]l[", List.of(), List.of("value", "head", "vol["), false, NO_MATCH),
                p("TestGlobMatch_wrongPattern_onTraversal_mismatch", "/value/**/v[ou]l[", List.of(), List.of("value", "head", "vol["), false, NO_MATCH),
                p("TestGlobMatch_issue_923", "**/android/**/GeneratedPluginRegistrant.java", List.of(), List.of("packages", "flutter_tools", "lib", "src", "android", "gradle.dart"), false, NO_MATCH));
    }

    @ParameterizedTest(name = "{0}: {1} ~ {3}")
    @MethodSource("v5")
    void patternMatchesPathInDomain(String name, String pattern, List<String> domain, List<String> path, boolean directory,
            IgnorePattern.Result expected) {
        assertThat(IgnorePattern.parse(pattern, domain).match(IgnorePath.of(path), directory)).isEqualTo(expected);
    }

    @Test
    void mainBranchRowsWithFluxAnswers() {
        // TestGlobMatch_folderVersusFile: go-git main answers NoMatch; v5 lets a trailing /** match what its prefix
        // matched, so the file "ab" is excluded.
        assertThat(IgnorePattern.parse("/a*/**", List.of()).match(IgnorePath.of("ab"), false)).isEqualTo(EXCLUDE);
        // TestGlobMatch_folderVersusFileAgain: the same answer in both.
        assertThat(IgnorePattern.parse("/a*/**/a*", List.of()).match(IgnorePath.of("ab/ab"), false)).isEqualTo(EXCLUDE);
    }

    @Test
    void matcherTakesTheLastMatchingPattern() {
        // matcher_test.go TestMatcher_Match
        IgnoreMatcher m = new IgnoreMatcher(List.of(
                IgnorePattern.parse("**/middle/v[uo]l?ano", List.of()),
                IgnorePattern.parse("!volcano", List.of())));
        assertThat(m.excluded(IgnorePath.of("head/middle/vulkano"), false)).isTrue();
        assertThat(m.excluded(IgnorePath.of("head/middle/volcano"), false)).isFalse();
    }

    @Test
    void everythingExceptOneDirectory() {
        // go-git main's matcher_test.go TestMatcher_EverythingExceptExample (git-scm.com/docs/gitignore); v5 agrees.
        IgnoreMatcher m = new IgnoreMatcher(List.of(
                IgnorePattern.parse("/*", List.of()),
                IgnorePattern.parse("!/foo", List.of()),
                IgnorePattern.parse("/foo/*", List.of()),
                IgnorePattern.parse("!/foo/bar", List.of())));
        assertThat(m.excluded(IgnorePath.of("foo"), true)).isFalse();
        assertThat(m.excluded(IgnorePath.of("foo/bar"), false)).isFalse();
        assertThat(m.excluded(IgnorePath.of("foo/bar"), true)).isFalse();
        assertThat(m.excluded(IgnorePath.of("baz"), false)).isTrue();
        assertThat(m.excluded(IgnorePath.of("baz"), true)).isTrue();
        assertThat(m.excluded(IgnorePath.of("baz/foo"), false)).isTrue();
        assertThat(m.excluded(IgnorePath.of("baz/foo"), true)).isTrue();
        assertThat(m.excluded(IgnorePath.of("foo/baz"), false)).isTrue();
        assertThat(m.excluded(IgnorePath.of("foo/baz"), true)).isTrue();
    }

    @Test
    void noPatternKeepsEverything() {
        assertThat(new IgnoreMatcher(List.of()).excluded(IgnorePath.of("a/b"), false)).isFalse();
        assertThat(IgnorePattern.parse("*", List.of()).match(IgnorePath.of(""), true)).isEqualTo(NO_MATCH);
        assertThat(IgnorePattern.parse("!*", List.of()).match(IgnorePath.of("x"), false)).isEqualTo(INCLUDE);
    }
}
