package io.tributary.release.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.release.cel.CelExpression;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * healthCheckExprs as fluxcd/pkg {@code runtime/cel.StatusEvaluator} judges objects: a stale observedGeneration is
 * InProgress whatever the expressions say; then inProgress, failed, current in that order; none true is InProgress.
 */
class HealthChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HealthChecks checks(String current, String failed, String inProgress) throws Exception {
        HelmReleaseSpec.HealthCheckExpression e = new HelmReleaseSpec.HealthCheckExpression();
        e.apiVersion = "bitnami.com/v1alpha1";
        e.kind = "SealedSecret";
        e.current = current;
        e.failed = failed;
        e.inProgress = inProgress;
        return HealthChecks.of(List.of(e));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sealedSecret(long generation, Long observed, String ready) throws Exception {
        String status = observed == null ? "{}" : "{\"observedGeneration\":" + observed + ",\"conditions\":[{\"type\":\"Synced\",\"status\":\""
                + ready + "\"}]}";
        return JSON.readValue("{\"apiVersion\":\"bitnami.com/v1alpha1\",\"kind\":\"SealedSecret\",\"metadata\":{\"name\":\"s\","
                + "\"generation\":" + generation + "},\"status\":" + status + "}", Map.class);
    }

    static Stream<Arguments> rows() {
        String current = "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'True')";
        String failed = "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'False')";
        return Stream.of(
                Arguments.of("current when synced", current, failed, null, 1L, 1L, "True", Readiness.Status.CURRENT),
                Arguments.of("failed when not synced", current, failed, null, 1L, 1L, "False", Readiness.Status.FAILED),
                Arguments.of("in progress when neither", current, failed, null, 1L, 1L, "Unknown", Readiness.Status.IN_PROGRESS),
                Arguments.of("a stale generation is in progress", current, failed, null, 2L, 1L, "True", Readiness.Status.IN_PROGRESS),
                Arguments.of("inProgress is asked first", current, failed, "metadata.generation == 1", 1L, 1L, "True",
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("no failed expression: false current is in progress", current, null, null, 1L, 1L, "False",
                        Readiness.Status.IN_PROGRESS),
                Arguments.of("a field that is not there yet is in progress", current, null, null, 1L, null, "True",
                        Readiness.Status.IN_PROGRESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void judges(String name, String current, String failed, String inProgress, long generation, Long observed, String synced,
            Readiness.Status expected) throws Exception {
        assertThat(checks(current, failed, inProgress).evaluate(sealedSecret(generation, observed, synced)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(expected));
    }

    @Test
    void onlyTheGroupIsMatchedAndAKindsOwnEntryComesBeforeItsGroups() throws Exception {
        HelmReleaseSpec.HealthCheckExpression group = new HelmReleaseSpec.HealthCheckExpression();
        group.apiVersion = "bitnami.com/v1";
        group.current = "false";
        HelmReleaseSpec.HealthCheckExpression own = new HelmReleaseSpec.HealthCheckExpression();
        own.apiVersion = "bitnami.com/v1alpha1";
        own.kind = "SealedSecret";
        own.current = "true";
        HealthChecks checks = HealthChecks.of(List.of(group, own));
        Map<String, Object> other = Map.of("apiVersion", "bitnami.com/v2", "kind", "Other", "metadata", Map.of("name", "o"));
        assertThat(checks.evaluate(sealedSecret(1, 1L, "False"))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Readiness.Status.CURRENT));
        assertThat(checks.evaluate(other)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Readiness.Status.IN_PROGRESS));
    }

    @Test
    void otherKindsAreLeftToTheBuiltInRules() throws Exception {
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "d"));
        assertThat(checks("true", null, null).evaluate(deployment)).isEmpty();
    }

    @Test
    void anExpressionThatDoesNotCompileNamesItsField() {
        assertThatThrownBy(() -> checks("status.conditions.exists(c, ", null, null)).isInstanceOf(CelExpression.InvalidExpression.class)
                .hasMessageStartingWith("spec.healthCheckExprs[0].current: failed to parse the CEL expression 'status.conditions.exists(c, '");
        assertThatThrownBy(() -> checks("true", "'not a bool'", null)).isInstanceOf(CelExpression.InvalidExpression.class)
                .hasMessageStartingWith("spec.healthCheckExprs[0].failed: ");
        assertThatThrownBy(() -> checks(" ", null, null)).isInstanceOf(CelExpression.InvalidExpression.class)
                .hasMessage("spec.healthCheckExprs[0].current: expression Current not specified");
    }
}
