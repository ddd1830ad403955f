package io.tributary.fetcher.source.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Git's own wildmatch and ignore cases: every row of go-git's conformance suite, go-git/go-git
 * {@code plumbing/format/gitignore/conformance_test.go} at commit 374c354884f12ea0a8f80ae9c429a44a33ba4bb1 (taken from
 * git.git t/t3070-wildmatch.sh and t/t0008-ignores.sh). Each row keeps git's answer as upstream wrote it. That suite
 * checks go-git's newer, git-aligned matcher; Flux's source-controller v1.9 runs the older one (go-git v5.16.4's
 * matcher as copied into fluxcd/pkg sourceignore v0.18.0), so where Flux answers otherwise the row names the reason
 * ({@link Why}) and the test expects Flux's answer, the opposite of git's. Those answers were checked against that Go
 * code.
 */
class IgnoreConformanceTest {

    /** Why Flux v1.9 answers a row differently from git. */
    enum Why {
        /** Go's {@code filepath.Match} negates a class with {@code ^} only; {@code [!a]} means "'!' or 'a'". */
        BANG_IS_LITERAL,
        /** Go has no POSIX classes: {@code [[:digit:]]} is one class of '[', ':', 'd', 'i', 'g', 't', then a literal ']'. */
        NO_POSIX_CLASSES,
        /**
         * Go rejects a class that starts with ']' or holds an unescaped '-' at either end or after a range, so the
         * pattern never matches; git reads those characters literally.
         */
        GO_CLASS_SYNTAX,
        /** A pattern with a slash whose segment holds {@code **} beside other characters never matches. */
        DOUBLE_STAR_INSIDE_SEGMENT,
        /** A trailing {@code /**} matches what the segments before it matched, not only what lies below. */
        TRAILING_DOUBLE_STAR_MATCHES_PREFIX,
        /** A pattern of {@code **} segments only never sets a match. */
        ONLY_DOUBLE_STARS,
        /**
         * A pattern matches everything below what it matches, negations too: {@code !data/**}{@code /} re-includes
         * every file below {@code data}, where git re-includes only the directories.
         */
        NEGATED_DIRECTORY_COVERS_CONTENTS
    }

    private static final Why BANG_IS_LITERAL = Why.BANG_IS_LITERAL;
    private static final Why NO_POSIX_CLASSES = Why.NO_POSIX_CLASSES;
    private static final Why GO_CLASS_SYNTAX = Why.GO_CLASS_SYNTAX;
    private static final Why DOUBLE_STAR_INSIDE_SEGMENT = Why.DOUBLE_STAR_INSIDE_SEGMENT;
    private static final Why TRAILING_DOUBLE_STAR_MATCHES_PREFIX = Why.TRAILING_DOUBLE_STAR_MATCHES_PREFIX;
    private static final Why ONLY_DOUBLE_STARS = Why.ONLY_DOUBLE_STARS;
    private static final Why NEGATED_DIRECTORY_COVERS_CONTENTS = Why.NEGATED_DIRECTORY_COVERS_CONTENTS;

    record Row(String pattern, String text, byte[] bytes, boolean git, Why why, String desc) {
        @Override
        public String toString() {
            return pattern + " ~ " + (bytes == null ? text : Arrays.toString(bytes)) + (why == null ? "" : " [" + why + "]");
        }
    }

    private static Arguments w(String pattern, String text, boolean git, Why why, String desc) {
        return Arguments.of(new Row(pattern, text, null, git, why, desc));
    }

    private static Arguments w(String pattern, byte[] text, boolean git, Why why, String desc) {
        return Arguments.of(new Row(pattern, null, text, git, why, desc));
    }

    /** A one-byte name that is not UTF-8 (upstream writes "\xc0"). */
    private static byte[] latin1(int b) {
        return new byte[] {(byte) b};
    }

    /** t3070 rows: one pattern against one path; a trailing slash on the path marks a directory. */
    static Stream<Arguments> wildmatch() {
        return Stream.of(
                // TestWildmatchBasic
                w("foo", "foo", true, null, "exact match"),
                w("foo", "bar", false, null, "no match"),
                w("", "", false, null, "empty pattern doesn't match"),
                w("???", "foo", true, null, "three question marks"),
                w("??", "foo", false, null, "two question marks too short"),
                w("*", "foo", true, null, "star matches anything"),
                w("f*", "foo", true, null, "prefix star"),
                w("*f", "foo", false, null, "suffix star no match"),
                w("*foo*", "foo", true, null, "surrounded by stars"),
                w("*ob*a*r*", "foobar", true, null, "multiple interspersed stars"),
                w("*ab", "aaaaaaabababab", true, null, "star with specific ending"),
                w("foo\\*", "foo*", true, null, "escaped literal star"),
                w("foo\\*bar", "foobar", false, null, "escaped star blocks match"),
                w("f\\\\oo", "f\\oo", true, null, "escaped backslash"),
                w("foo\\", "foo\\", false, null, "trailing backslash doesn't match"),
                // TestWildmatchBrackets
                w("*[al]?", "ball", true, null, "character set match"),
                w("[ten]", "ten", false, null, "character set literal no match"),
                w("**[!te]", "ten", true, BANG_IS_LITERAL, "negated character set [!te]"),
                w("**[!ten]", "ten", false, BANG_IS_LITERAL, "negated character set [!ten]"),
                w("t[a-g]n", "ten", true, null, "character range [a-g]"),
                w("t[!a-g]n", "ten", false, BANG_IS_LITERAL, "negated range [!a-g] vs e"),
                w("t[!a-g]n", "ton", true, BANG_IS_LITERAL, "negated range [!a-g] vs o"),
                w("t[^a-g]n", "ton", true, null, "caret negation [^a-g]"),
                w("a[]]b", "a]b", true, GO_CLASS_SYNTAX, "closing bracket in character set"),
                w("a[]-]b", "a-b", true, GO_CLASS_SYNTAX, "dash in character set"),
                w("a[]-]b", "a]b", true, GO_CLASS_SYNTAX, "bracket in character set"),
                w("a[]-]b", "aab", false, null, "character set no match"),
                w("a[]a-]b", "aab", true, GO_CLASS_SYNTAX, "complex character set"),
                w("]", "]", true, null, "literal closing bracket"),
                // TestWildmatchSlashSemantics
                w("foo*bar", "foo/baz/bar", false, null, "single star doesn't cross slash in glob mode"),
                w("foo**bar", "foo/baz/bar", false, null, "double star without slashes"),
                w("foo**bar", "foobazbar", true, null, "double star within segment"),
                w("foo/**/bar", "foo/baz/bar", true, null, "double star with slashes"),
                w("foo/**/**/bar", "foo/baz/bar", true, null, "multiple double star segments"),
                w("foo/**/bar", "foo/b/a/z/bar", true, null, "double star multiple intermediate"),
                w("foo/**/**/bar", "foo/b/a/z/bar", true, null, "multiple double star multiple intermediate"),
                w("foo/**/bar", "foo/bar", true, null, "double star zero intermediate"),
                w("foo/**/**/bar", "foo/bar", true, null, "multiple double star zero intermediate"),
                w("foo?bar", "foo/bar", false, null, "question mark doesn't cross slash"),
                w("foo[/]bar", "foo/bar", false, null, "bracket slash doesn't cross"),
                w("foo[^a-z]bar", "foo/bar", false, null, "bracket negation doesn't cross slash"),
                w("f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo/bar", false, null, "multiple bracket negations"),
                w("f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo-bar", true, null, "multiple bracket negations with dash"),
                w("**/foo", "foo", true, null, "double star from root immediate"),
                w("**/foo", "XXX/foo", true, null, "double star from root nested"),
                w("**/foo", "bar/baz/foo", true, null, "double star from root deep"),
                w("*/foo", "bar/baz/foo", false, null, "single star doesn't match deep"),
                w("**/bar*", "foo/bar/baz", true, null, "double star with suffix star"),
                w("**/bar/*", "deep/foo/bar/baz", true, null, "double star with single continuation"),
                w("**/bar/*", "deep/foo/bar/baz/", true, null, "double star continuation with trailing slash"),
                w("**/bar/**", "deep/foo/bar/baz/", true, null, "double star with double star continuation"),
                w("**/bar/*", "deep/foo/bar", false, null, "double star continuation needs path"),
                w("**/bar/**", "deep/foo/bar/", true, null, "double star double star with directory"),
                w("**/bar/**", "deep/", false, null, "double star suffix needs the named segment"),
                w("**/bar/**", "deep/foo/", false, null, "double star suffix needs the named segment when nested"),
                w("**/bar/**", "deep/foo/baz/", false, null, "double star suffix rejects a sibling directory"),
                w("**/bar/**", "deep/foo/file.txt", false, null, "double star suffix rejects a file outside the named segment"),
                w("a/**/*/**", "a/f.txt", false, TRAILING_DOUBLE_STAR_MATCHES_PREFIX, "double star suffix needs something below the consumed path"),
                w("a/**/*/**", "a/b/c/f.txt", true, null, "double star suffix with a path left to cover"),
                w("a/**/*/**", "a/b/", true, null, "double star suffix with a directory left to cover"),
                w("**/*.txt/**", "a/f.txt", false, TRAILING_DOUBLE_STAR_MATCHES_PREFIX, "double star suffix does not match the segment it follows"),
                w("**/bar**", "foo/bar/baz", true, DOUBLE_STAR_INSIDE_SEGMENT, "double star with adjacent stars"),
                w("*/bar/**", "foo/bar/baz/x", true, null, "mixed single double star"),
                w("*/bar/**", "deep/foo/bar/baz/x", false, null, "mixed stars wrong depth"),
                w("**/bar/*/*", "deep/foo/bar/baz/x", true, null, "double star with fixed depth"),
                w("fo", "foo", false, null, "prefix no match"),
                w("foo/bar", "foo/bar", true, null, "exact path match"),
                w("foo/*", "foo/bar", true, null, "single star path"),
                w("foo/*", "foo/bba/arr", true, null, "single star matches deeper paths"),
                w("foo/**", "foo/bba/arr", true, null, "double star deeper path"),
                w("foo*", "foo/bba/arr", true, null, "star suffix matches paths"),
                w("foo**", "foo/bba/arr", true, null, "double star suffix"),
                w("foo/*arr", "foo/bba/arr", false, null, "suffix with slash vs path (glob mode)"),
                w("foo/**arr", "foo/bba/arr", false, null, "double star suffix with path (glob mode)"),
                w("foo/*z", "foo/bba/arr", false, null, "star with different suffix"),
                w("foo/**z", "foo/bba/arr", false, null, "double star with different suffix"),
                w("*Xg*i", "ab/cXd/efXg/hi", false, null, "X pattern across slash (glob mode)"),
                // TestWildmatchCharacterClasses
                w("[[:alpha:]][[:digit:]][[:upper:]]", "a1B", true, NO_POSIX_CLASSES, "alpha digit upper sequence"),
                w("[[:digit:][:upper:][:space:]]", "a", false, null, "digit upper space vs lowercase"),
                w("[[:digit:][:upper:][:space:]]", "A", true, NO_POSIX_CLASSES, "digit upper space vs uppercase"),
                w("[[:digit:][:upper:][:space:]]", "1", true, NO_POSIX_CLASSES, "digit upper space vs digit"),
                w("[[:digit:][:upper:][:spaci:]]", "1", false, null, "malformed space class"),
                w("[[:digit:][:upper:][:space:]]", " ", true, NO_POSIX_CLASSES, "digit upper space vs space"),
                w("[[:digit:][:upper:][:space:]]", ".", false, null, "digit upper space vs period"),
                w("[[:digit:][:punct:][:space:]]", ".", true, NO_POSIX_CLASSES, "digit punct space vs period"),
                w("[[:xdigit:]]", "5", true, NO_POSIX_CLASSES, "hex digit numeric"),
                w("[[:xdigit:]]", "f", true, NO_POSIX_CLASSES, "hex digit lowercase"),
                w("[[:xdigit:]]", "D", true, NO_POSIX_CLASSES, "hex digit uppercase"),
                w("[[:xdigit:]]", "g", false, null, "non-hex letter"),
                w("[[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:graph:][:lower:][:print:][:punct:][:space:][:upper:][:xdigit:]]", "_", true, NO_POSIX_CLASSES, "all classes include underscore"),
                w("[^[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:lower:][:space:][:upper:][:xdigit:]]", ".", true, NO_POSIX_CLASSES, "negated classes"),
                w("[a-c[:digit:]x-z]", "5", true, NO_POSIX_CLASSES, "mixed range and digit class - digit"),
                w("[a-c[:digit:]x-z]", "b", true, NO_POSIX_CLASSES, "mixed range and digit class - letter"),
                w("[a-c[:digit:]x-z]", "y", true, NO_POSIX_CLASSES, "mixed range and digit class - end range"),
                w("[a-c[:digit:]x-z]", "q", false, null, "mixed range and digit class - no match"),
                // TestPOSIXClassesAreASCIIOnly
                w("[[:alpha:]]", latin1(0xc0), false, null, "0xC0 not ASCII alpha"),
                w("[[:upper:]]", latin1(0xc0), false, null, "0xC0 not ASCII upper"),
                w("[[:digit:]]", latin1(0xb2), false, null, "0xB2 not ASCII digit"),
                w("[[:space:]]", latin1(0xa0), false, null, "0xA0 not ASCII space"),
                w("[[:print:]]", latin1(0xc0), false, null, "0xC0 not ASCII printable"),
                w("[[:punct:]]", latin1(0xc0), false, null, "0xC0 not ASCII punct"),
                w("[[:alpha:]]", "A", true, NO_POSIX_CLASSES, "ASCII A matches alpha"),
                w("[[:digit:]]", "5", true, NO_POSIX_CLASSES, "ASCII 5 matches digit"),
                w("[[:space:]]", " ", true, NO_POSIX_CLASSES, "ASCII space matches space"),
                // TestWildmatchMalformedBrackets
                w("[\\-^]", "]", false, null, "backslash dash caret"),
                w("[\\-^]", "[", false, null, "backslash dash caret vs opening bracket"),
                w("[\\-^]", "-", true, null, "dash matches escaped dash range"),
                w("[\\-_]", "-", true, null, "backslash dash underscore vs dash"),
                w("[\\]]", "]", true, null, "escaped closing bracket"),
                w("[\\]]", "\\]", false, null, "escaped bracket vs literal"),
                w("[\\]]", "\\", false, null, "escaped bracket vs backslash"),
                w("a[]b", "ab", false, null, "empty bracket set"),
                w("a[]b", "a[]b", false, null, "empty brackets are invalid"),
                w("ab[", "ab[", false, null, "unclosed bracket is invalid"),
                w("[!", "ab", false, null, "incomplete negation"),
                w("[-", "ab", false, null, "incomplete dash"),
                w("[-]", "-", true, GO_CLASS_SYNTAX, "lone dash in brackets"),
                w("[a-", "-", false, null, "incomplete range"),
                w("[!a-", "-", false, null, "incomplete negated range"),
                w("[--A]", "-", true, GO_CLASS_SYNTAX, "dash to letter range includes dash"),
                w("[--A]", "5", true, GO_CLASS_SYNTAX, "dash to letter range includes number"),
                w("[ --]", " ", true, GO_CLASS_SYNTAX, "space to dash range includes space"),
                w("[ --]", "$", true, GO_CLASS_SYNTAX, "space to dash range includes dollar"),
                w("[ --]", "-", true, GO_CLASS_SYNTAX, "space to dash range includes dash"),
                w("[ --]", "0", false, null, "space to dash range excludes zero"),
                w("[---]", "-", true, GO_CLASS_SYNTAX, "triple dash"),
                w("[------]", "-", true, GO_CLASS_SYNTAX, "many dashes"),
                w("[a-e-n]", "j", false, null, "invalid double range vs j"),
                w("[a-e-n]", "-", true, GO_CLASS_SYNTAX, "invalid double range vs dash"),
                w("[!------]", "a", true, GO_CLASS_SYNTAX, "negated many dashes vs letter"),
                w("[]-a]", "[", false, null, "bracket dash a vs opening bracket"),
                w("[]-a]", "^", true, GO_CLASS_SYNTAX, "bracket dash a vs caret"),
                w("[!]-a]", "^", false, null, "negated bracket dash a vs caret"),
                w("[!]-a]", "[", true, BANG_IS_LITERAL, "negated bracket dash a vs bracket"),
                w("[a^bc]", "^", true, null, "caret in character set"),
                w("[a-]b]", "-b]", true, GO_CLASS_SYNTAX, "dash bracket literal"),
                w("[\\]", "\\", false, null, "single backslash in brackets"),
                w("[\\\\]", "\\", true, null, "escaped backslash in brackets"),
                w("[!\\\\]", "\\", false, BANG_IS_LITERAL, "negated backslash"),
                w("[A-\\\\]", "G", true, null, "range to backslash"),
                w("b*a", "aaabbb", false, null, "suffix pattern no match"),
                w("*ba*", "aabcaa", false, null, "middle pattern no match"),
                w("[,]", ",", true, null, "comma in brackets"),
                w("[\\\\,]", ",", true, null, "comma and backslash in brackets"),
                w("[\\\\,]", "\\", true, null, "backslash in comma brackets"),
                w("[,-.]", "-", true, null, "comma to period range includes dash"),
                w("[,-.]", "+", false, null, "comma to period excludes plus"),
                w("[,-.]", "-.]", false, null, "comma period range vs literal"),
                w("[\\1-\\3]", "2", true, null, "octal range includes 2"),
                w("[\\1-\\3]", "3", true, null, "octal range includes 3"),
                w("[\\1-\\3]", "4", false, null, "octal range excludes 4"),
                w("[[-\\]]", "\\", true, null, "bracket to bracket range includes backslash"),
                w("[[-\\]]", "[", true, null, "bracket to bracket range includes opening bracket"),
                w("[[-\\]]", "]", true, null, "bracket to bracket range includes closing bracket"),
                w("[[-\\]]", "-", false, null, "bracket to bracket range excludes dash"),
                // TestWildmatchRecursion
                w("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", true, null, "font name pattern match"),
                w("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1", false, null, "font name pattern mismatch X vs m"),
                w("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-/-70-iso8859-1", false, null, "font name pattern mismatch / vs m"),
                w("XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1", true, null, "deep path pattern"),
                w("XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1", false, null, "deep path pattern mismatch"),
                w("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt", true, null, "scattered letter pattern"),
                w("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz", false, null, "scattered pattern with extra"),
                w("*/*/*", "foo", false, null, "three level pattern vs one level"),
                w("*/*/*", "foo/bar", false, null, "three level pattern vs two levels"),
                w("*/*/*", "foo/bb/aa", true, null, "three level pattern exact match"),
                w("*/*/*", "foo/bba/arr", true, null, "three level pattern across longer names"),
                w("*/*/*", "foo/bb/aa/rr", true, null, "three level pattern matches deeper"),
                w("**/**/**", "foo/bb/aa/rr", true, ONLY_DOUBLE_STARS, "triple double star"),
                w("*X*i", "abcXdefXghi", true, null, "X marker pattern"),
                w("*X*i", "ab/cXd/efXg/hi", false, null, "X marker across slashes (glob mode)"),
                w("*/*X*/*/*i", "ab/cXd/efXg/hi", true, null, "structured X pattern"),
                w("**/*X*/**/*i", "ab/cXd/efXg/hi", true, null, "double star X pattern"),
                // TestWildmatchVarious
                w("a[c-c]st", "acrt", false, null, "single character range no match"),
                w("a[c-c]rt", "acrt", true, null, "single character range match"),
                w("[!]-]", "]", false, null, "negated bracket with closing bracket"),
                w("[!]-]", "a", true, BANG_IS_LITERAL, "negated bracket with letter"),
                w("\\", "", false, null, "single backslash vs empty"),
                w("\\", "\\", false, null, "lone backslash doesn't match itself"),
                w("*/\\", "XXX/\\", false, null, "trailing backslash after star doesn't match"),
                w("*/\\\\", "XXX/\\", true, null, "escaped backslash path pattern"),
                w("@foo", "@foo", true, null, "at-sign prefix exact"),
                w("@foo", "foo", false, null, "at-sign prefix no match"),
                w("\\[ab]", "[ab]", true, null, "escaped opening bracket"),
                w("[[]ab]", "[ab]", true, null, "bracket in character set"),
                w("[[:]ab]", "[ab]", true, null, "bracket colon in set"),
                w("[[::]ab]", "[ab]", false, NO_POSIX_CLASSES, "double colon in set"),
                w("[[:digit]ab]", "[ab]", true, null, "partial digit class"),
                w("[\\[:]ab]", "[ab]", true, null, "escaped bracket in set"),
                w("\\??\\?b", "?a?b", true, null, "escaped question marks"),
                w("\\a\\b\\c", "abc", true, null, "escaped letters"),
                w("", "foo", false, null, "empty pattern vs text"),
                w("**/t[o]", "foo/bar/baz/to", true, null, "double star with bracket"),
                // TestWildmatchCaseSensitivity
                w("[A-Z]", "a", false, null, "uppercase range vs lowercase"),
                w("[A-Z]", "A", true, null, "uppercase range vs uppercase"),
                w("[a-z]", "A", false, null, "lowercase range vs uppercase"),
                w("[a-z]", "a", true, null, "lowercase range vs lowercase"),
                w("[[:upper:]]", "a", false, null, "upper class vs lowercase"),
                w("[[:upper:]]", "A", true, NO_POSIX_CLASSES, "upper class vs uppercase"),
                w("[[:lower:]]", "A", false, null, "lower class vs uppercase"),
                w("[[:lower:]]", "a", true, NO_POSIX_CLASSES, "lower class vs lowercase"),
                w("[B-Za]", "A", false, null, "mixed case range"),
                w("[B-a]", "A", false, null, "reverse case range"),
                w("[Z-y]", "z", false, null, "reverse case range lowercase"),
                w("[Z-y]", "Z", true, null, "reverse case range uppercase"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wildmatch")
    void onePatternAgainstOnePath(Row row) {
        boolean flux = row.why() == null ? row.git() : !row.git();
        IgnorePath path;
        boolean directory;
        if (row.bytes() != null) {
            path = IgnorePath.ofBytes(row.bytes());
            directory = false;
        } else {
            directory = row.text().endsWith("/");
            path = IgnorePath.of(trimSlashes(row.text()));
        }
        IgnorePattern.Result result = IgnorePattern.parse(row.pattern(), List.of()).match(path, directory);
        assertThat(result == IgnorePattern.Result.EXCLUDE).as(row.desc()).isEqualTo(flux);
    }

    private static final List<String> BASIC = List.of("one", "ignored-*", "top-level-dir/");
    private static final List<String> NESTED = List.of("two*", "*three");
    private static final List<String> NEGATION = List.of("four", "five", "six", "ignored-dir/", "!on*", "!two");
    private static final List<String> EXACT_PREFIX_ROOTED = List.of("/git/");
    private static final List<String> EXACT_PREFIX_UNROOTED = List.of("git/");
    private static final List<String> DOUBLE_STAR_REINCLUDE = List.of("data/**", "!data/**/", "!data/**/*.txt");
    private static final List<String> DOUBLE_STAR_PREFIX = List.of("foo**/bar");
    private static final List<String> TRAILING_WHITESPACE = List.of("trailing   ", "normal");
    private static final List<String> PRECEDENCE = List.of("*.txt", "!important.txt", "*.log", "!debug.log");
    private static final List<String> REAL_WORLD = List.of("node_modules/", "*.log", "dist/", "build/", ".env*", "!.env.example", "coverage/", "*.tmp", ".DS_Store", "thumbs.db", "*.swp", "*.swo", "*~");
    private static final List<String> DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT = List.of("**/node_modules/**");
    private static final List<String> BLANKS_AND_COMMENTS = List.of("", "# comment", "normal", " ", "!");
    private static final List<String> NEGATED_BRACKET = List.of("[!a]bc", "[0-9]*.txt");

    record IgnoreRow(List<String> patterns, String path, boolean directory, boolean git, Why why, String desc) {
        @Override
        public String toString() {
            return patterns + " ~ " + path + (directory ? "/" : "") + (why == null ? "" : " [" + why + "]");
        }
    }

    private static Arguments i(List<String> patterns, String path, boolean directory, boolean git, Why why, String desc) {
        return Arguments.of(new IgnoreRow(patterns, path, directory, git, why, desc));
    }

    /** t0008 rows: a .gitignore's lines, read as Flux reads a .sourceignore, against one path. */
    static Stream<Arguments> ignores() {
        return Stream.of(
                // TestIgnoreBasic
                i(BASIC, "one", false, true, null, "simple pattern match"),
                i(BASIC, "one", true, true, null, "simple pattern match for directory"),
                i(BASIC, "ignored-and-untracked", false, true, null, "wildcard pattern"),
                i(BASIC, "ignored-but-in-index", false, true, null, "wildcard pattern variant"),
                i(BASIC, "not-ignored", false, false, null, "non-matching file"),
                i(BASIC, "not-ignored", true, false, null, "non-matching directory"),
                i(BASIC, "top-level-dir", true, true, null, "directory-only pattern matches dir"),
                i(BASIC, "top-level-dir", false, false, null, "directory-only pattern doesn't match file"),
                // TestIgnoreNested
                i(NESTED, "3-three", false, true, null, "suffix wildcard match"),
                i(NESTED, "three-not-this-one", false, false, null, "suffix wildcard non-match"),
                i(NESTED, "twoooo", false, true, null, "prefix wildcard match"),
                i(NESTED, "not-two", false, false, null, "prefix wildcard non-match"),
                // TestIgnoreNegation
                i(NEGATION, "four", false, true, null, "basic ignore"),
                i(NEGATION, "five", false, true, null, "basic ignore"),
                i(NEGATION, "six", false, true, null, "basic ignore"),
                i(NEGATION, "one", false, false, null, "negated by !on*"),
                i(NEGATION, "only", false, false, null, "negated by !on*"),
                i(NEGATION, "on-something", false, false, null, "negated by !on*"),
                i(NEGATION, "two", false, false, null, "explicitly negated"),
                i(NEGATION, "ignored-dir", true, true, null, "directory pattern"),
                i(NEGATION, "ignored-dir", false, false, null, "directory pattern for file"),
                // TestIgnoreExactPrefix
                i(EXACT_PREFIX_ROOTED, "git", true, true, null, "with root"),
                i(EXACT_PREFIX_ROOTED, "git/foo", false, true, null, "with root"),
                i(EXACT_PREFIX_ROOTED, "git-foo", true, false, null, "with root"),
                i(EXACT_PREFIX_ROOTED, "git-foo/bar", false, false, null, "with root"),
                i(EXACT_PREFIX_UNROOTED, "git", true, true, null, "without root"),
                i(EXACT_PREFIX_UNROOTED, "git/foo", false, true, null, "without root"),
                i(EXACT_PREFIX_UNROOTED, "git-foo", true, false, null, "without root"),
                i(EXACT_PREFIX_UNROOTED, "git-foo/bar", false, false, null, "without root"),
                // TestIgnoreDoubleStarReinclude
                i(DOUBLE_STAR_REINCLUDE, "data/file", false, true, NEGATED_DIRECTORY_COVERS_CONTENTS, "file under data/ ignored by data/**"),
                i(DOUBLE_STAR_REINCLUDE, "data/data1/file1", false, true, NEGATED_DIRECTORY_COVERS_CONTENTS, "nested file ignored"),
                i(DOUBLE_STAR_REINCLUDE, "data/data1/file1.txt", false, false, null, "txt file re-included"),
                i(DOUBLE_STAR_REINCLUDE, "data/data2/file2", false, true, NEGATED_DIRECTORY_COVERS_CONTENTS, "another nested file ignored"),
                i(DOUBLE_STAR_REINCLUDE, "data/data2/file2.txt", false, false, null, "another txt file re-included"),
                i(DOUBLE_STAR_REINCLUDE, "data", true, false, null, "data directory itself not ignored"),
                i(DOUBLE_STAR_REINCLUDE, "data/data1", true, false, null, "subdirectories re-included by !data/**/"),
                // TestIgnoreDoubleStarPrefix
                i(DOUBLE_STAR_PREFIX, "foo/bar", false, true, DOUBLE_STAR_INSIDE_SEGMENT, "should match foo/bar"),
                i(DOUBLE_STAR_PREFIX, "foobar", false, false, null, "should not match foobar"),
                i(DOUBLE_STAR_PREFIX, "foo123/bar", false, true, DOUBLE_STAR_INSIDE_SEGMENT, "should match foo123/bar"),
                i(DOUBLE_STAR_PREFIX, "foobar/baz", false, false, null, "should not match foobar/baz"),
                // TestIgnoreTrailingWhitespace
                i(TRAILING_WHITESPACE, "trailing", false, true, null, "trailing whitespace in pattern ignored"),
                i(TRAILING_WHITESPACE, "normal", false, true, null, "normal pattern works"),
                i(TRAILING_WHITESPACE, "trailing   ", false, false, null, "literal trailing spaces don't match"),
                // TestIgnorePrecedence
                i(PRECEDENCE, "file.txt", false, true, null, "txt files ignored"),
                i(PRECEDENCE, "important.txt", false, false, null, "important.txt re-included"),
                i(PRECEDENCE, "file.log", false, true, null, "log files ignored"),
                i(PRECEDENCE, "debug.log", false, false, null, "debug.log re-included"),
                i(PRECEDENCE, "other.doc", false, false, null, "unmatched files not ignored"),
                // TestIgnoreRealWorld
                i(REAL_WORLD, "node_modules", true, true, null, "node_modules directory"),
                i(REAL_WORLD, "node_modules/react/index.js", false, true, null, "file in node_modules"),
                i(REAL_WORLD, "app.log", false, true, null, "log file"),
                i(REAL_WORLD, "logs/debug.log", false, true, null, "log file in subdirectory"),
                i(REAL_WORLD, "dist", true, true, null, "dist directory"),
                i(REAL_WORLD, "build", true, true, null, "build directory"),
                i(REAL_WORLD, ".env", false, true, null, "env file"),
                i(REAL_WORLD, ".env.local", false, true, null, "env local file"),
                i(REAL_WORLD, ".env.example", false, false, null, "env example re-included"),
                i(REAL_WORLD, "coverage", true, true, null, "coverage directory"),
                i(REAL_WORLD, "temp.tmp", false, true, null, "tmp file"),
                i(REAL_WORLD, ".DS_Store", false, true, null, "mac system file"),
                i(REAL_WORLD, "file.swp", false, true, null, "vim swap file"),
                i(REAL_WORLD, "backup~", false, true, null, "backup file"),
                i(REAL_WORLD, "src/main.js", false, false, null, "normal source file"),
                i(REAL_WORLD, "README.md", false, false, null, "normal doc file"),
                // TestIgnoreDoubleStarSuffixRequiresSegment
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "src", true, false, null, "sibling directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "src/pkg", true, false, null, "nested sibling directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "src/pkg/app.go", false, false, null, "file below a sibling directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "node_modules", true, true, null, "the named directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "node_modules/react", true, true, null, "directory below the named directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "node_modules/react/index.js", false, true, null, "file below the named directory"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "src/node_modules", true, true, null, "the named directory nested"),
                i(DOUBLE_STAR_SUFFIX_REQUIRES_SEGMENT, "src/node_modules/react/index.js", false, true, null, "file below a nested match"),
                // TestIgnoreBlanksAndComments
                i(BLANKS_AND_COMMENTS, "normal", false, true, null, "normal pattern works"),
                i(BLANKS_AND_COMMENTS, "", false, false, null, "empty path not ignored"),
                i(BLANKS_AND_COMMENTS, "comment", false, false, null, "comment-like file not ignored"),
                i(BLANKS_AND_COMMENTS, " ", false, false, null, "space file not ignored"),
                i(BLANKS_AND_COMMENTS, "!", false, false, null, "exclamation file not ignored"),
                // TestIgnoreNegatedBracket
                i(NEGATED_BRACKET, "!bc", false, true, null, "[!a]bc matches !bc (! is not 'a', so [!a] matches)"),
                i(NEGATED_BRACKET, "abc", false, false, BANG_IS_LITERAL, "[!a]bc doesn't match abc (a matches [!a] negation)"),
                i(NEGATED_BRACKET, "xbc", false, true, BANG_IS_LITERAL, "[!a]bc matches xbc (x doesn't match a, so [!a] matches)"),
                i(NEGATED_BRACKET, "bbc", false, true, BANG_IS_LITERAL, "[!a]bc matches bbc"),
                i(NEGATED_BRACKET, "1test.txt", false, true, null, "[0-9]*.txt matches 1test.txt"),
                i(NEGATED_BRACKET, "5data.txt", false, true, null, "[0-9]*.txt matches 5data.txt"),
                i(NEGATED_BRACKET, "atest.txt", false, false, null, "atest.txt doesn't match [0-9]*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignores")
    void ignoreFileAgainstOnePath(IgnoreRow row) {
        boolean flux = row.why() == null ? row.git() : !row.git();
        IgnoreMatcher matcher = new IgnoreMatcher(SourceIgnore.readPatterns(String.join("\n", row.patterns()), List.of()));
        assertThat(matcher.excluded(IgnorePath.of(trimSlashes(row.path())), row.directory())).as(row.desc()).isEqualTo(flux);
    }

    /** Upstream's strings.Trim(path, "/"). */
    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
