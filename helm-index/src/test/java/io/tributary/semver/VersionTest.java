package io.tributary.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masterminds/semver {@code version_test.go}, at commit 71f2b39f5a1f18100def1d01ef4f59576e4c6da2 (see
 * {@link ConstraintTest} for why that commit). {@code NewVersion} is {@link Version#parse}, {@code StrictNewVersion}
 * is {@link Version#parseStrict}, {@code Compare} is {@link Version#compareTo}, {@code Equal} is
 * {@link Version#sameAs}, {@code New} is the record constructor. Rows are data files under
 * {@code src/test/resources/io/tributary/semver/masterminds/}.
 *
 * <p>Tables and rows with no equivalent here, because the API they test does not exist on our Version (nothing in
 * Tributary changes versions, stores them in SQL or JSON, or flips Masterminds' package-wide parse switches):
 * <ul>
 * <li>TestNewVersion "Without loose NewVersion" (44 rows) and both halves of TestNewVersionCheckError (12 + 12 rows):
 *     they set the global {@code CoerceNewVersion = false} (and {@code DetailedNewVersionErrors = false}); Helm v4 and
 *     Flux leave both at their defaults, which is what {@link Version#parse} does. Our errors always name the problem,
 *     so the detailed/undetailed distinction has no counterpart either.</li>
 * <li>TestEqual, the rows {@code {nil, nil, true}} and {@code {nil, MustParse("1.2.3"), false}}: a Java method cannot
 *     be called on null. The third nil row, {@code {MustParse("1.2.3"), nil, false}}, is ported.</li>
 * <li>TestInc (13 rows), TestIncPatchOverflow, TestIncMinorOverflow, TestIncMajorOverflow, TestSetPrerelease (3 rows),
 *     TestSetMetadata (3 rows), TestOriginalVPrefix (2 rows): no increment or setter methods.</li>
 * <li>TestJsonMarshal, TestJsonUnmarshal, TestTextMarshal, TestTextUnmarshal, TestSQLScanner, TestDriverValuer: no
 *     JSON, text or SQL bindings ({@link Version#toString()} and {@link Version#parse} are the text form).</li>
 * </ul>
 * TestValidatePrerelease and TestValidateMetadata test package-private Go functions; they are ported through both
 * parsers, which run the same checks. The fuzz targets' seed corpora are checked for "parses or fails with
 * IllegalArgumentException, nothing else".
 */
class VersionTest {

    static Stream<Arguments> strictNewVersion() {
        return UpstreamRows.arguments("TestStrictNewVersion");
    }

    @ParameterizedTest
    @MethodSource
    void strictNewVersion(String version, boolean error) {
        if (error) {
            assertThatThrownBy(() -> Version.parseStrict(version)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Version.parseStrict(version).original()).isEqualTo(version);
        }
    }

    static Stream<Arguments> newVersion() {
        return UpstreamRows.arguments("TestNewVersion");
    }

    @ParameterizedTest
    @MethodSource
    void newVersion(String version, boolean error) {
        if (error) {
            assertThatThrownBy(() -> Version.parse(version)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Version.tryParse(version)).isNull();
        } else {
            assertThat(Version.parse(version).original()).isEqualTo(version);
        }
    }

    @Test
    void newBuildsFromParts() {
        assertThat(new Version(0, 1, 2, "", "", null)).hasToString("0.1.2");
        assertThat(new Version(1, 2, 3, "alpha.1", "foo.bar", null)).hasToString("1.2.3-alpha.1+foo.bar");
        assertThat(new Version(1, 2, 3, "alpha.1", "foo.bar", null).original()).isEqualTo("1.2.3-alpha.1+foo.bar");
    }

    static Stream<Arguments> original() {
        return UpstreamRows.arguments("TestOriginal");
    }

    @ParameterizedTest
    @MethodSource
    void original(String version) {
        assertThat(Version.parse(version).original()).isEqualTo(version);
    }

    @Test
    void parts() {
        Version v = Version.parse("1.2.3-beta.1+build.123");
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(2);
        assertThat(v.patch()).isEqualTo(3);
        assertThat(v.prerelease()).isEqualTo("beta.1");
        assertThat(v.metadata()).isEqualTo("build.123");
    }

    static Stream<Arguments> coerceString() {
        return UpstreamRows.arguments("TestCoerceString");
    }

    @ParameterizedTest
    @MethodSource
    void coerceString(String version, String printed) {
        assertThat(Version.parse(version)).hasToString(printed);
    }

    static Stream<Arguments> compare() {
        return UpstreamRows.arguments("TestCompare");
    }

    @ParameterizedTest
    @MethodSource
    void compare(String v1, String v2, int expected) {
        assertThat(Integer.signum(Version.parse(v1).compareTo(Version.parse(v2)))).isEqualTo(expected);
    }

    static Stream<Arguments> lessThan() {
        return UpstreamRows.arguments("TestLessThan");
    }

    @ParameterizedTest
    @MethodSource
    void lessThan(String v1, String v2, boolean expected) {
        assertThat(Version.parse(v1).compareTo(Version.parse(v2)) < 0).isEqualTo(expected);
    }

    static Stream<Arguments> lessThanEqual() {
        return UpstreamRows.arguments("TestLessThanEqual");
    }

    @ParameterizedTest
    @MethodSource
    void lessThanEqual(String v1, String v2, boolean expected) {
        assertThat(Version.parse(v1).compareTo(Version.parse(v2)) <= 0).isEqualTo(expected);
    }

    static Stream<Arguments> greaterThan() {
        return UpstreamRows.arguments("TestGreaterThan");
    }

    @ParameterizedTest
    @MethodSource
    void greaterThan(String v1, String v2, boolean expected) {
        assertThat(Version.parse(v1).compareTo(Version.parse(v2)) > 0).isEqualTo(expected);
    }

    static Stream<Arguments> greaterThanEqual() {
        return UpstreamRows.arguments("TestGreaterThanEqual");
    }

    @ParameterizedTest
    @MethodSource
    void greaterThanEqual(String v1, String v2, boolean expected) {
        assertThat(Version.parse(v1).compareTo(Version.parse(v2)) >= 0).isEqualTo(expected);
    }

    static Stream<Arguments> equal() {
        return UpstreamRows.arguments("TestEqual");
    }

    @ParameterizedTest
    @MethodSource
    void equal(String v1, String v2, boolean expected) {
        assertThat(Version.parse(v1).sameAs(v2 == null ? null : Version.parse(v2))).isEqualTo(expected);
    }

    static Stream<Arguments> validatePrerelease() {
        return UpstreamRows.arguments("TestValidatePrerelease");
    }

    @ParameterizedTest
    @MethodSource
    void validatePrerelease(String pre, UpstreamRows.Name error) {
        for (String version : new String[] {"1.2.3-" + pre, "v1.2-" + pre}) {
            check(() -> Version.parse(version), error);
        }
        check(() -> Version.parseStrict("1.2.3-" + pre), error);
    }

    static Stream<Arguments> validateMetadata() {
        return UpstreamRows.arguments("TestValidateMetadata");
    }

    @ParameterizedTest
    @MethodSource
    void validateMetadata(String meta, UpstreamRows.Name error) {
        check(() -> Version.parse("1.2.3+" + meta), error);
        check(() -> Version.parseStrict("1.2.3-rc.1+" + meta), error);
    }

    /** Masterminds' error names become the texts that say the same. */
    private static void check(org.assertj.core.api.ThrowableAssert.ThrowingCallable parse, UpstreamRows.Name error) {
        if (error == null) {
            assertThatCode(parse).doesNotThrowAnyException();
            return;
        }
        String says = switch (error.name()) {
            case "ErrSegmentStartsZero" -> "is a number with a leading zero";
            case "ErrInvalidPrerelease" -> "pre-release";
            case "ErrInvalidMetadata" -> "build metadata";
            default -> throw new IllegalStateException("unknown error " + error);
        };
        assertThatThrownBy(parse).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(says);
    }

    static Stream<Arguments> fuzzNewVersionSeeds() {
        return UpstreamRows.arguments("FuzzNewVersion");
    }

    @ParameterizedTest
    @MethodSource
    void fuzzNewVersionSeeds(String seed) {
        assertThatCode(() -> {
            try {
                Version.parse(seed);
            } catch (IllegalArgumentException refused) {
                assertThat(refused).hasMessageContaining("not a semantic version");
            }
        }).doesNotThrowAnyException();
    }

    static Stream<Arguments> fuzzStrictNewVersionSeeds() {
        return UpstreamRows.arguments("FuzzStrictNewVersion");
    }

    @ParameterizedTest
    @MethodSource
    void fuzzStrictNewVersionSeeds(String seed) {
        assertThatCode(() -> {
            try {
                Version.parseStrict(seed);
            } catch (IllegalArgumentException refused) {
                assertThat(refused).hasMessageContaining("not a semantic version");
            }
        }).doesNotThrowAnyException();
    }

    // --- Beyond the upstream tables.

    @Test
    void partsAreUnsigned64BitNumbers() {
        Version max = Version.parse("18446744073709551615.0.0");
        assertThat(max).hasToString("18446744073709551615.0.0");
        assertThat(max).isGreaterThan(Version.parse("9223372036854775807.0.0"));
        // a pre-release number too large for 64 bits compares as a word: above numbers, bytewise among words
        assertThat(Version.parse("1.0.0-18446744073709551616")).isGreaterThan(Version.parse("1.0.0-9"))
                .isLessThan(Version.parse("1.0.0-2a"));
    }

    @Test
    void metadataDoesNotCountForPrecedenceButForEquality() {
        assertThat(Version.parse("1.2.3+a").sameAs(Version.parse("v1.2.3+b"))).isTrue();
        assertThat(Version.parse("1.2.3+a")).isNotEqualTo(Version.parse("1.2.3+b")).isEqualTo(Version.parse("v1.2.3+a"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "\"\"              ; version is empty",
            "\" 1.2.3\"        ; ' 1.2.3' is not a semantic version: it must start with a number (a 'v' may come first)",
            "\"1.2.3 \"        ; '1.2.3 ' is not a semantic version: unexpected ' ' after the numeric parts",
            "latest            ; 'latest' is not a semantic version: it must start with a number (a 'v' may come first)",
            "1.2.beta          ; '1.2.beta' is not a semantic version: patch part 'beta' is not a number",
            "1.                ; '1.' is not a semantic version: minor part after '1.' is not a number",
            "1.2.3.4           ; '1.2.3.4' is not a semantic version: it has more than three numeric parts",
            "1.2.3-alpha..1    ; '1.2.3-alpha..1' is not a semantic version: pre-release 'alpha..1' has an empty identifier",
            "1.2.3-alpha_beta  ; '1.2.3-alpha_beta' is not a semantic version: pre-release 'alpha_beta' has '_', only [0-9A-Za-z-] are allowed",
            "1.2.3-rc.01       ; '1.2.3-rc.01' is not a semantic version: pre-release identifier '01' is a number with a leading zero",
            "9.8.7+meta+meta   ; '9.8.7+meta+meta' is not a semantic version: build metadata 'meta+meta' has '+', only [0-9A-Za-z-] are allowed",
            "1.2.99999999999999999999 ; '1.2.99999999999999999999' is not a semantic version: patch part '99999999999999999999' is larger than 18446744073709551615",
    })
    void badVersionsAreRefusedNamingTheBadPart(String version, String message) {
        assertThatThrownBy(() -> Version.parse(version)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "1.2        ; '1.2' is not a semantic version: a strict semantic version has three parts, MAJOR.MINOR.PATCH",
            "v1.2.3     ; 'v1.2.3' is not a semantic version: major part 'v1' is not a number (a strict version has no 'v' prefix)",
            "1.02.3     ; '1.02.3' is not a semantic version: minor part '02' has a leading zero",
            "1..3       ; '1..3' is not a semantic version: minor part '' is not a number",
    })
    void badStrictVersionsAreRefusedNamingTheBadPart(String version, String message) {
        assertThatThrownBy(() -> Version.parseStrict(version)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
