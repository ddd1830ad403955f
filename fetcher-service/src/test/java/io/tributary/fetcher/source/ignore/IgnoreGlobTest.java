package io.tributary.fetcher.source.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The component glob is Go's {@code path/filepath.Match}: every row of Go 1.26.8's {@code path/filepath/match_test.go}
 * {@code matchTests}. A row whose error is ErrBadPattern is a malformed pattern, which matches nothing.
 */
class IgnoreGlobTest {

    private static Arguments g(String pattern, String name, boolean match, boolean malformed) {
        return Arguments.of(pattern, name, match, malformed);
    }

    static Stream<Arguments> matchTests() {
        return Stream.of(
                g("abc", "abc", true, false),
                g("*", "abc", true, false),
                g("*c", "abc", true, false),
                g("a*", "a", true, false),
                g("a*", "abc", true, false),
                g("a*", "ab/c", false, false),
                g("a*/b", "abc/b", true, false),
                g("a*/b", "a/c/b", false, false),
                g("a*b*c*d*e*/f", "axbxcxdxe/f", true, false),
                g("a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false),
                g("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false),
                g("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false),
                g("a*b?c*x", "abxbbxdbxebxczzx", true, false),
                g("a*b?c*x", "abxbbxdbxebxczzy", false, false),
                g("ab[c]", "abc", true, false),
                g("ab[b-d]", "abc", true, false),
                g("ab[e-g]", "abc", false, false),
                g("ab[^c]", "abc", false, false),
                g("ab[^b-d]", "abc", false, false),
                g("ab[^e-g]", "abc", true, false),
                g("a\\*b", "a*b", true, false),
                g("a\\*b", "ab", false, false),
                g("a?b", "a☺b", true, false),
                g("a[^a]b", "a☺b", true, false),
                g("a???b", "a☺b", false, false),
                g("a[^a][^a][^a]b", "a☺b", false, false),
                g("[a-ζ]*", "α", true, false),
                g("*[a-ζ]", "A", false, false),
                g("a?b", "a/b", false, false),
                g("a*b", "a/b", false, false),
                g("[\\]a]", "]", true, false),
                g("[\\-]", "-", true, false),
                g("[x\\-]", "x", true, false),
                g("[x\\-]", "-", true, false),
                g("[x\\-]", "z", false, false),
                g("[\\-x]", "x", true, false),
                g("[\\-x]", "-", true, false),
                g("[\\-x]", "a", false, false),
                g("[]a]", "]", false, true),
                g("[-]", "-", false, true),
                g("[x-]", "x", false, true),
                g("[x-]", "-", false, true),
                g("[x-]", "z", false, true),
                g("[-x]", "x", false, true),
                g("[-x]", "-", false, true),
                g("[-x]", "a", false, true),
                g("\\", "a", false, true),
                g("[a-b-c]", "a", false, true),
                g("[", "a", false, true),
                g("[^", "a", false, true),
                g("[^bc", "a", false, true),
                g("a[", "a", false, true),
                g("a[", "ab", false, true),
                g("a[", "x", false, true),
                g("a/b[", "x", false, true),
                g("*x", "xxx", true, false));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @MethodSource("matchTests")
    void goFilepathMatch(String pattern, String name, boolean match, boolean malformed) {
        ComponentGlob glob = ComponentGlob.compile(pattern);
        assertThat(glob.matches(name)).isEqualTo(match);
        assertThat(glob.malformed()).isEqualTo(malformed);
    }

    @Test
    void starSkipsBytesNotRunes() {
        // Go's star tries every byte offset, so a class can start inside a multi-byte rune and take one invalid byte
        // as U+FFFD: "*[^\u00e9]" matches "\u00e9" (its second byte); "?" takes a whole rune.
        assertThat(ComponentGlob.compile("*[^\u00e9]").matches("\u00e9")).isTrue();
        assertThat(ComponentGlob.compile("[^\u00e9]").matches("\u00e9")).isFalse();
        assertThat(ComponentGlob.compile("?").matches("\u00e9")).isTrue();
        assertThat(ComponentGlob.compile("??").matches("\u00e9")).isFalse();
    }

    @Test
    void reversedRangeMatchesNothingButIsWellFormed() {
        ComponentGlob reversed = ComponentGlob.compile("[z-a]");
        assertThat(reversed.malformed()).isFalse();
        for (String name : new String[] {"a", "m", "z", "-"}) {
            assertThat(reversed.matches(name)).as(name).isFalse();
        }
        assertThat(ComponentGlob.compile("[^z-a]").matches("m")).isTrue();
    }

    @Test
    void escapesInsideClasses() {
        assertThat(ComponentGlob.compile("[\\]]").matches("]")).isTrue();
        assertThat(ComponentGlob.compile("[\\^x]").matches("^")).isTrue();
        assertThat(ComponentGlob.compile("[a\\-c]").matches("b")).isFalse();
        assertThat(ComponentGlob.compile("[a\\-c]").matches("-")).isTrue();
        assertThat(ComponentGlob.compile("[\\a-\\c]").matches("b")).isTrue();
        assertThat(ComponentGlob.compile("[\\").malformed()).isTrue();
    }

    @Test
    void questionMarkTakesOneRuneAsGoDecodesIt() {
        // Go's utf8.DecodeRune: an overlong or surrogate encoding is one invalid byte at a time
        assertThat(ComponentGlob.compile("?").matches(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse();
        assertThat(ComponentGlob.compile("??").matches(new byte[] {(byte) 0xc0, (byte) 0x80})).isTrue();
        assertThat(ComponentGlob.compile("?").matches(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse();
        assertThat(ComponentGlob.compile("???").matches(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isTrue();
        assertThat(ComponentGlob.compile("?").matches(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80})).isTrue();
        assertThat(ComponentGlob.compile("?").matches(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98})).isFalse();
        assertThat(ComponentGlob.compile("[\u00e0-\u00ff]").matches("\u00e9")).isTrue();
    }

    @Test
    void shortcutShapesAnswerAsTheGeneralMatcher() {
        // stars then a literal, a literal then stars, stars only: the same answers Go's loop gives
        assertThat(ComponentGlob.compile("*.md").matches("README.md")).isTrue();
        assertThat(ComponentGlob.compile("*.md").matches(".md")).isTrue();
        assertThat(ComponentGlob.compile("**.md").matches("a/b.md")).isFalse();
        assertThat(ComponentGlob.compile("*.md").matches("md")).isFalse();
        assertThat(ComponentGlob.compile("v*").matches("v")).isTrue();
        assertThat(ComponentGlob.compile("v*").matches("v/x")).isFalse();
        assertThat(ComponentGlob.compile("a/*").matches("a/x")).isTrue();
        assertThat(ComponentGlob.compile("**").matches("")).isTrue();
        assertThat(ComponentGlob.compile("*").matches("a/b")).isFalse();
    }
}
