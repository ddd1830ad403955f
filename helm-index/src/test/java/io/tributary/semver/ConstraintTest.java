package io.tributary.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masterminds/semver {@code constraints_test.go}, every table, at commit 71f2b39f5a1f18100def1d01ef4f59576e4c6da2
 * (master after v3.4.0, the newest upstream commit available here; Helm v4 pins v3.5.0 and the v3.5.0 module hash in
 * helm's go.sum is not that tree's, so the tag holds at least one later commit). The rows are data files under
 * {@code src/test/resources/io/tributary/semver/masterminds/}, named after the upstream test.
 *
 * <p>Rows and checks with no equivalent here:
 * <ul>
 * <li>TestConstraintCheck, the three rows {@code {"", "1", true}}, {@code {"", "4.5.6", true}},
 *     {@code {"", "1.2.3-alpha.1", false}}: they exercise {@code parseConstraint("")}, a special case that
 *     {@code NewConstraint} never reaches (it rejects an empty string, as {@link Constraint#parse} does; callers map an
 *     empty HelmChart version to {@code *} themselves).</li>
 * <li>TestTextMarshalConstraints and TestTextUnmarshalConstraints, their JSON half: there is no JSON binding of a
 *     constraint here; the text half is ported ({@code MarshalText} is {@link Constraint#canonical()}).</li>
 * </ul>
 * TestParseConstraint names Go check functions; the rows assert the {@link Comparator.Kind} each name stands for.
 * Validate's reasons are {@link Constraint#reasons}; IncludePrerelease is {@link Constraint#includingPrereleases()};
 * the fuzz target's seed corpus is checked for "parses or fails with IllegalArgumentException, nothing else".
 */
class ConstraintTest {

    private static final Map<String, Comparator.Kind> FUNCTIONS = Map.of(
            "constraintTildeOrEqual", Comparator.Kind.TILDE_OR_EQUAL,
            "constraintNotEqual", Comparator.Kind.NOT_EQUAL,
            "constraintGreaterThan", Comparator.Kind.GREATER_THAN,
            "constraintLessThan", Comparator.Kind.LESS_THAN,
            "constraintGreaterThanEqual", Comparator.Kind.GREATER_THAN_OR_EQUAL,
            "constraintLessThanEqual", Comparator.Kind.LESS_THAN_OR_EQUAL,
            "constraintTilde", Comparator.Kind.TILDE,
            "constraintCaret", Comparator.Kind.CARET);

    /** Masterminds' {@code parseConstraint}: exactly one comparator. */
    private static Comparator single(String text) {
        List<ConstraintSyntax.Term> terms = ConstraintSyntax.terms(text);
        if (terms.size() != 1) {
            throw new IllegalArgumentException("not one comparator: " + text);
        }
        return Comparator.of(terms.get(0));
    }

    static Stream<Arguments> parseConstraint() {
        return UpstreamRows.arguments("TestParseConstraint");
    }

    @ParameterizedTest
    @MethodSource
    void parseConstraint(String in, UpstreamRows.Name function, String version, boolean error) {
        if (error) {
            assertThatThrownBy(() -> single(in)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Comparator c = single(in);
        assertThat(c.version.toString()).isEqualTo(version);
        assertThat(c.kind).isEqualTo(FUNCTIONS.get(function.name()));
    }

    static Stream<Arguments> constraintCheck() {
        return UpstreamRows.arguments("TestConstraintCheck");
    }

    /** One comparator, pre-releases considered when it names one itself. */
    @ParameterizedTest
    @MethodSource
    void constraintCheck(String constraint, String version, boolean check) {
        Comparator c = single(constraint);
        assertThat(c.check(Version.parse(version), c.version.isPrerelease()) == null).isEqualTo(check);
    }

    static Stream<Arguments> newConstraint() {
        return UpstreamRows.arguments("TestNewConstraint");
    }

    @ParameterizedTest
    @MethodSource
    void newConstraint(String input, int ors, int count, boolean error) {
        if (error) {
            assertThatThrownBy(() -> Constraint.parse(input)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("improper constraint: '" + input + "': ");
            return;
        }
        Constraint c = Constraint.parse(input);
        assertThat(c.alternatives()).hasSize(ors);
        assertThat(c.alternatives().get(0)).hasSize(count);
    }

    static Stream<Arguments> constraintsCheck() {
        return UpstreamRows.arguments("TestConstraintsCheck");
    }

    @ParameterizedTest
    @MethodSource
    void constraintsCheck(String constraint, String version, boolean check) {
        assertThat(Constraint.parse(constraint).matches(Version.parse(version))).isEqualTo(check);
    }

    static Stream<Arguments> constraintsCheckIncludePrerelease() {
        return UpstreamRows.arguments("TestConstraintsCheckIncludePrerelease");
    }

    @ParameterizedTest
    @MethodSource
    void constraintsCheckIncludePrerelease(String constraint, String version, boolean check) {
        assertThat(Constraint.parse(constraint).includingPrereleases().matches(Version.parse(version))).isEqualTo(check);
    }

    static Stream<Arguments> rewriteRange() {
        return UpstreamRows.arguments("TestRewriteRange");
    }

    @ParameterizedTest
    @MethodSource
    void rewriteRange(String in, String rewritten) {
        assertThat(ConstraintSyntax.rewriteRange(in)).isEqualTo(rewritten);
    }

    static Stream<Arguments> isX() {
        return UpstreamRows.arguments("TestIsX");
    }

    @ParameterizedTest
    @MethodSource
    void isX(String part, boolean wildcard) {
        assertThat(ConstraintSyntax.isX(part)).isEqualTo(wildcard);
    }

    static Stream<Arguments> constraintsValidate() {
        return UpstreamRows.arguments("TestConstraintsValidate");
    }

    /** Validate is true exactly when there is no reason; it agrees with matches. */
    @ParameterizedTest
    @MethodSource
    void constraintsValidate(String constraint, String version, boolean check) {
        Constraint c = Constraint.parse(constraint);
        Version v = Version.parse(version);
        assertThat(c.reasons(v).isEmpty()).isEqualTo(check);
        assertThat(c.matches(v)).isEqualTo(check);
    }

    static Stream<Arguments> constraintsValidateIncludePrerelease() {
        return UpstreamRows.arguments("TestConstraintsValidateIncludePrerelease");
    }

    @ParameterizedTest
    @MethodSource
    void constraintsValidateIncludePrerelease(String constraint, String version, boolean check) {
        Constraint c = Constraint.parse(constraint).includingPrereleases();
        Version v = Version.parse(version);
        assertThat(c.reasons(v).isEmpty()).isEqualTo(check);
        assertThat(c.matches(v)).isEqualTo(check);
    }

    /** The two reasons of one failing alternative, in TestConstraintsValidate and its IncludePrerelease twin. */
    @Test
    void validateGivesOneReasonPerFailingComparator() {
        for (Constraint c : List.of(Constraint.parse("!= 1.2.5, ^2, <= 1.1.x"), Constraint.parse("!= 1.2.5, ^2, <= 1.1.x").includingPrereleases())) {
            assertThat(c.reasons(Version.parseStrict("1.2.3")))
                    .containsExactly("\"1.2.3\" is less than \"2\"", "\"1.2.3\" is greater than \"1.1.x\"");
        }
    }

    static Stream<Arguments> validateMessages() {
        return UpstreamRows.arguments("TestConstraintsValidate.messages");
    }

    @ParameterizedTest
    @MethodSource
    void validateMessages(String constraint, String version, String message) {
        assertThat(Constraint.parse(constraint).reasons(Version.parseStrict(version))).first().isEqualTo(message);
    }

    static Stream<Arguments> validateMessagesIncludePrerelease() {
        return UpstreamRows.arguments("TestConstraintsValidateIncludePrerelease.messages");
    }

    @ParameterizedTest
    @MethodSource
    void validateMessagesIncludePrerelease(String constraint, String version, String message) {
        assertThat(Constraint.parse(constraint).includingPrereleases().reasons(Version.parseStrict(version))).first().isEqualTo(message);
    }

    static Stream<Arguments> constraintString() {
        return UpstreamRows.arguments("TestConstraintString");
    }

    @ParameterizedTest
    @MethodSource
    void constraintString(String constraint, String printed) {
        Constraint c = Constraint.parse(constraint);
        assertThat(c.canonical()).isEqualTo(printed);
        assertThat(Constraint.parse(c.canonical()).canonical()).isEqualTo(printed);
        assertThat(c).hasToString(constraint);
    }

    static Stream<Arguments> textMarshal() {
        return UpstreamRows.arguments("TestTextMarshalConstraints");
    }

    @ParameterizedTest
    @MethodSource
    void textMarshal(String constraint, String text) {
        assertThat(Constraint.parse(constraint).canonical()).isEqualTo(text);
    }

    static Stream<Arguments> textUnmarshal() {
        return UpstreamRows.arguments("TestTextUnmarshalConstraints");
    }

    @ParameterizedTest
    @MethodSource
    void textUnmarshal(String text, String printed) {
        assertThat(Constraint.parse(text).canonical()).isEqualTo(printed);
    }

    static Stream<Arguments> fuzzSeeds() {
        return UpstreamRows.arguments("FuzzNewConstraint");
    }

    @ParameterizedTest
    @MethodSource
    void fuzzSeeds(String seed) {
        assertThatCode(() -> {
            try {
                Constraint.parse(seed).matches(Version.parse("1.2.3"));
            } catch (IllegalArgumentException refused) {
                assertThat(refused).hasMessageContaining("constraint");
            }
        }).doesNotThrowAnyException();
    }

    // --- Beyond the upstream tables: selection and error messages as callers use them.

    @Test
    void bestPicksTheHighestMatchingVersion() {
        List<String> tags = List.of("v1.0.0", "1.2.0", "v1.10.0", "2.0.0-rc.1", "not-a-version", "1.9.0", "v1.10", "1.11.0-rc.1");
        assertThat(Constraint.parse(">=1.0.0 <2.0.0").best(tags, Version::tryParse)).isEqualTo("v1.10.0");
        assertThat(Constraint.parse("*").best(tags, Version::tryParse)).isEqualTo("v1.10.0");
        assertThat(Constraint.parse("3.x").best(tags, Version::tryParse)).isNull();
        assertThat(Constraint.parse(">=1.0.0-0 <2.0.0").best(tags, Version::tryParse)).isEqualTo("2.0.0-rc.1");
        assertThat(Constraint.parse(">=1.0.0-0 <1.12.0 || >=3").best(tags, Version::tryParse)).isEqualTo("1.11.0-rc.1");
        assertThat(Constraint.parse(">=1.0.0 <1.12.0-0 || >=3").best(tags, Version::tryParse)).isEqualTo("1.11.0-rc.1");
        assertThat(Constraint.parse(">=1.0.0 <1.12.0 || >=3-0").best(tags, Version::tryParse)).isEqualTo("v1.10.0");
        assertThat(Constraint.parse("1.0.0 - 2.0.0 !=1.10.0").best(tags, Version::tryParse)).isEqualTo("1.9.0");
        assertThat(Constraint.parse(">=1").includingPrereleases().best(tags, Version::tryParse)).isEqualTo("2.0.0-rc.1");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = ';', value = {
            "''                  ; version constraint is empty",
            "'   '               ; version constraint is empty",
            ">= one.two          ; improper constraint: '>= one.two': 'one.two' is not a version",
            "== 1.2.3            ; improper constraint: '== 1.2.3': unknown operator '=='",
            ">=                  ; improper constraint: '>=': operator '>=' has no version after it",
            "1.2.3.4             ; improper constraint: '1.2.3.4': '1.2.3.4' is not a version (terms are separated by a space or ',')",
            "1.2.3,              ; improper constraint: '1.2.3,': nothing follows the last ','",
            "1.2.3 ||            ; improper constraint: '1.2.3 ||': an alternative between '||' is empty",
            "1x.2                ; improper constraint: '1x.2': '1x' in '1x.2' is neither a number nor a wildcard (x, X, *)",
            "^1.2.3-beta.01      ; improper constraint: '^1.2.3-beta.01': '1.2.3-beta.01' is not a version: pre-release identifier '01' is a number with a leading zero",
            "99999999999999999999; improper constraint: '99999999999999999999': '99999999999999999999' is not a version: major part '99999999999999999999' is larger than 18446744073709551615",
    })
    void badConstraintsAreRefusedNamingTheBadPart(String constraint, String message) {
        assertThatThrownBy(() -> Constraint.parse(constraint)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
