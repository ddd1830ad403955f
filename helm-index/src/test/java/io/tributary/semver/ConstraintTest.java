package io.tributary.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "1.2.3        ; 1.2.3        ; true",
            "1.2.3        ; 1.2.4        ; false",
            "=1.2.3       ; v1.2.3       ; true",
            "!=1.2.3      ; 1.2.4        ; true",
            "!=1.2.3      ; 1.2.3        ; false",
            ">1.2.3       ; 1.2.4        ; true",
            ">1.2.3       ; 1.2.3        ; false",
            ">=1.2.3      ; 1.2.3        ; true",
            "<1.2.3       ; 1.2.2        ; true",
            "<=1.2.3      ; 1.2.3        ; true",
            "<=1.2.3      ; 1.2.4        ; false",
            ">= 1.2, < 3.0.0 ; 2.9.9     ; true",
            ">= 1.2, < 3.0.0 ; 3.0.0     ; false",
            ">= 1.2 < 3.0.0  ; 1.1.9     ; false",
            "1.2.x        ; 1.2.9        ; true",
            "1.2.x        ; 1.3.0        ; false",
            "1.x          ; 1.9.0        ; true",
            "*            ; 42.0.0       ; true",
            "*            ; 1.0.0-rc.1   ; false",
            "~1.2.3       ; 1.2.9        ; true",
            "~1.2.3       ; 1.3.0        ; false",
            "~1.2.3       ; 1.2.2        ; false",
            "~1           ; 1.9.9        ; true",
            "~1           ; 2.0.0        ; false",
            "~>1.2        ; 1.2.7        ; true",
            "^1.2.3       ; 1.9.0        ; true",
            "^1.2.3       ; 2.0.0        ; false",
            "^0.2.3       ; 0.2.9        ; true",
            "^0.2.3       ; 0.3.0        ; false",
            "^0.0.3       ; 0.0.3        ; true",
            "^0.0.3       ; 0.0.4        ; false",
            "^0           ; 0.9.0        ; true",
            "1.2 - 1.4.5  ; 1.4.5        ; true",
            "1.2 - 1.4.5  ; 1.4.6        ; false",
            "1.2 - 1.4.5  ; 1.2.0        ; true",
            "<1.0.0 || >=2.0.0 ; 0.5.0   ; true",
            "<1.0.0 || >=2.0.0 ; 1.5.0   ; false",
            "<1.0.0 || >=2.0.0 ; 2.1.0   ; true",
            ">=1.0.0      ; 2.0.0-rc.1   ; false",
            ">=2.0.0-0    ; 2.0.0-rc.1   ; true",
            ">=1.0.0-beta ; 1.0.0-alpha  ; false",
            ">=1.0.0-beta ; 1.0.0-beta.2 ; true",
            "!=1.2.x      ; 1.2.5        ; false",
            "!=1.2.x      ; 1.3.0        ; true",
            ">1.x         ; 1.9.0        ; false",
            ">1.x         ; 2.0.0        ; true",
            "<=1.2.x      ; 1.2.9        ; true",
            "<=1.2.x      ; 1.3.0        ; false",
            "1.0.0+build  ; 1.0.0        ; true",
    })
    void matches(String constraint, String version, boolean expected) {
        assertThat(Constraint.parse(constraint).matches(Version.parse(version))).isEqualTo(expected);
    }

    @Test
    void bestPicksTheHighestMatchingVersion() {
        List<String> tags = List.of("v1.0.0", "1.2.0", "v1.10.0", "2.0.0-rc.1", "not-a-version", "1.9.0");
        assertThat(Constraint.parse(">=1.0.0 <2.0.0").best(tags, Version::tryParse)).isEqualTo("v1.10.0");
        assertThat(Constraint.parse("*").best(tags, Version::tryParse)).isEqualTo("v1.10.0");
        assertThat(Constraint.parse("3.x").best(tags, Version::tryParse)).isNull();
    }

    @Test
    void precedenceFollowsSemver() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(Version.parse(ordered.get(i - 1))).isLessThan(Version.parse(ordered.get(i)));
        }
    }

    @Test
    void rejectsWhatIsNotAConstraint() {
        assertThatThrownBy(() -> Constraint.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Constraint.parse(">= one.two")).hasMessageContaining("'>=one.two'");
        assertThatThrownBy(() -> Constraint.parse("1.2.3 ||")).hasMessageContaining("improper constraint");
        assertThatThrownBy(() -> Version.parse("1.2.3.4")).hasMessageContaining("not a semantic version");
    }
}
