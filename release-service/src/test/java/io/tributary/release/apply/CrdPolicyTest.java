package io.tributary.release.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spec.install.crds} / {@code spec.upgrade.crds} with Flux's defaults (helm-controller v1.6.3 api/v2 docs). */
class CrdPolicyTest {

    @ParameterizedTest(name = "install crds={0} skipCRDs={1} -> {2}")
    @CsvSource(nullValues = "null", textBlock = """
            null,          null,  CREATE
            null,          true,  SKIP
            null,          false, CREATE
            Skip,          null,  SKIP
            Create,        true,  CREATE
            CreateReplace, null,  CREATE_REPLACE
            """)
    void install(String value, Boolean skipCrds, CrdPolicy expected) {
        assertThat(CrdPolicy.forInstall(value, skipCrds)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "upgrade crds={0} -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            null,          SKIP
            Skip,          SKIP
            Create,        CREATE
            CreateReplace, CREATE_REPLACE
            """)
    void upgrade(String value, CrdPolicy expected) {
        assertThat(CrdPolicy.forUpgrade(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"replace", "create", "Always"})
    void anUnknownPolicyNamesTheField(String value) {
        assertThatThrownBy(() -> CrdPolicy.forUpgrade(value)).hasMessage("spec.upgrade.crds: must be Skip, Create or CreateReplace, got '"
                + value + "'");
        assertThatThrownBy(() -> CrdPolicy.forInstall(value, null)).hasMessageStartingWith("spec.install.crds: ");
    }
}
