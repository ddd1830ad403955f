package io.tributary.release.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Helm's {@code checkOwnership} messages, after helm/helm {@code pkg/action/validate_test.go} TestCheckOwnership
 * (main at e9b85e4de): owned, a missing label, a missing annotation, another release's annotations.
 */
class OwnershipTest {

    static Stream<Arguments> rows() {
        Map<String, String> helm = Map.of("app.kubernetes.io/managed-by", "Helm");
        Map<String, String> ours = Map.of("meta.helm.sh/release-name", "rel-a", "meta.helm.sh/release-namespace", "ns-a");
        return Stream.of(
                Arguments.of("owned by this release", helm, ours, null),
                Arguments.of("missing managed-by label", Map.of(), ours, "ConfigMap \"cm\" in namespace \"ns-a\" exists and cannot be "
                        + "imported into the current release: invalid ownership metadata; label validation error: missing key "
                        + "\"app.kubernetes.io/managed-by\": must be set to \"Helm\""),
                Arguments.of("missing name annotation", helm, Map.of("meta.helm.sh/release-namespace", "ns-a"),
                        "ConfigMap \"cm\" in namespace \"ns-a\" exists and cannot be imported into the current release: invalid "
                                + "ownership metadata; annotation validation error: missing key \"meta.helm.sh/release-name\": must be "
                                + "set to \"rel-a\""),
                Arguments.of("another release", helm, Map.of("meta.helm.sh/release-name", "rel-b", "meta.helm.sh/release-namespace",
                        "ns-b"), "ConfigMap \"cm\" in namespace \"ns-a\" exists and cannot be imported into the current release: "
                        + "invalid ownership metadata; annotation validation error: key \"meta.helm.sh/release-name\" must equal "
                        + "\"rel-a\": current value is \"rel-b\"; annotation validation error: key \"meta.helm.sh/release-namespace\" "
                        + "must equal \"ns-a\": current value is \"ns-b\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusesWhatAnotherReleaseOwns(String name, Map<String, String> labels, Map<String, String> annotations, String expected) {
        assertThat(Ownership.refusal("ConfigMap", "cm", "ns-a", labels, annotations, "rel-a", "ns-a").orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "cluster-scoped: {0}")
    @MethodSource("rows")
    void clusterScopedObjectsNameNoNamespace(String name, Map<String, String> labels, Map<String, String> annotations, String expected) {
        String refusal = Ownership.refusal("ConfigMap", "cm", "", labels, annotations, "rel-a", "ns-a").orElse(null);
        assertThat(refusal).isEqualTo(expected == null ? null : expected.replace(" in namespace \"ns-a\"", ""));
    }
}
