package io.tributary.release.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hook annotations as helm/helm {@code pkg/release/v1/util/manifest_sorter.go} reads them (main at e9b85e4de), with the
 * rows of its {@code manifest_sorter_test.go} TestSortManifests that concern hook parsing: phases (comma separated,
 * trimmed, case-insensitive, {@code test-success} for test), weights ({@code Atoi}, 0 otherwise), delete policies.
 * Deliberate difference: Helm skips a hook with an unknown phase silently; here it is an error naming the object.
 */
class HookParserTest {

    static Stream<Arguments> phases() {
        return Stream.of(
                Arguments.of("pre-install", List.of(HookEvent.PRE_INSTALL)),
                Arguments.of("post-install", List.of(HookEvent.POST_INSTALL)),
                Arguments.of("pre-install, post-install", List.of(HookEvent.PRE_INSTALL, HookEvent.POST_INSTALL)),
                Arguments.of("PRE-UPGRADE,Post-Upgrade", List.of(HookEvent.PRE_UPGRADE, HookEvent.POST_UPGRADE)),
                Arguments.of("pre-delete,post-delete", List.of(HookEvent.PRE_DELETE, HookEvent.POST_DELETE)),
                Arguments.of("pre-rollback,post-rollback", List.of(HookEvent.PRE_ROLLBACK, HookEvent.POST_ROLLBACK)),
                Arguments.of("test", List.of(HookEvent.TEST)),
                Arguments.of("test-success", List.of(HookEvent.TEST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phases")
    void readsPhases(String annotation, List<HookEvent> expected) throws Exception {
        Hook hook = HookParser.parse("c/templates/h.yaml", "Job", "h", Map.of(HookParser.HOOK, annotation), "kind: Job\n").orElseThrow();
        assertThat(hook.events()).isEqualTo(expected);
        assertThat(hook.path()).isEqualTo("c/templates/h.yaml");
    }

    static Stream<Arguments> weights() {
        return Stream.of(Arguments.of(null, 0), Arguments.of("5", 5), Arguments.of("-5", -5), Arguments.of("+3", 3),
                Arguments.of("five", 0), Arguments.of("1.5", 0), Arguments.of("", 0), Arguments.of(" 2", 0));
    }

    @ParameterizedTest(name = "weight ''{0}''")
    @MethodSource("weights")
    void readsWeightsAsAtoi(String weight, int expected) throws Exception {
        Map<String, String> annotations = new java.util.HashMap<>(Map.of(HookParser.HOOK, "pre-install"));
        if (weight != null) {
            annotations.put(HookParser.WEIGHT, weight);
        }
        assertThat(HookParser.parse("p", "Job", "h", annotations, "").orElseThrow().weight()).isEqualTo(expected);
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of(null, List.of(), List.of(DeletePolicy.BEFORE_HOOK_CREATION)),
                Arguments.of("hook-succeeded", List.of(DeletePolicy.HOOK_SUCCEEDED), List.of(DeletePolicy.HOOK_SUCCEEDED)),
                Arguments.of("hook-succeeded, Hook-Failed", List.of(DeletePolicy.HOOK_SUCCEEDED, DeletePolicy.HOOK_FAILED),
                        List.of(DeletePolicy.HOOK_SUCCEEDED, DeletePolicy.HOOK_FAILED)),
                Arguments.of("before-hook-creation,hook-succeeded", List.of(DeletePolicy.BEFORE_HOOK_CREATION,
                        DeletePolicy.HOOK_SUCCEEDED), List.of(DeletePolicy.BEFORE_HOOK_CREATION, DeletePolicy.HOOK_SUCCEEDED)));
    }

    @ParameterizedTest(name = "policy ''{0}''")
    @MethodSource("policies")
    void readsDeletePolicies(String value, List<DeletePolicy> declared, List<DeletePolicy> effective) throws Exception {
        Map<String, String> annotations = new java.util.HashMap<>(Map.of(HookParser.HOOK, "post-install"));
        if (value != null) {
            annotations.put(HookParser.DELETE_POLICY, value);
        }
        Hook hook = HookParser.parse("p", "Pod", "h", annotations, "").orElseThrow();
        assertThat(hook.deletePolicies()).isEqualTo(declared);
        assertThat(hook.effectiveDeletePolicies()).isEqualTo(effective);
    }

    @Test
    void anObjectWithoutTheHookAnnotationIsAReleaseObject() throws Exception {
        assertThat(HookParser.parse("p", "ConfigMap", "c", Map.of("helm.sh/hook-weight", "1"), "")).isEmpty();
        assertThat(HookParser.parse("p", "ConfigMap", "c", null, "")).isEmpty();
    }

    @Test
    void anUnknownPhaseNamesTheObject() {
        assertThatThrownBy(() -> HookParser.parse("demo/templates/job.yaml", "Job", "migrate",
                Map.of(HookParser.HOOK, "pre-install,pre-instal"), ""))
                .isInstanceOf(HookParser.InvalidHookException.class)
                .hasMessage("demo/templates/job.yaml: Job \"migrate\": annotation helm.sh/hook: unknown hook phase 'pre-instal' (known: "
                        + "pre-install, post-install, pre-delete, post-delete, pre-upgrade, post-upgrade, pre-rollback, post-rollback, test)");
    }

    @Test
    void anUnknownDeletePolicyNamesTheObject() {
        assertThatThrownBy(() -> HookParser.parse("demo/templates/job.yaml", "Job", "migrate",
                Map.of(HookParser.HOOK, "pre-install", HookParser.DELETE_POLICY, "always"), ""))
                .isInstanceOf(HookParser.InvalidHookException.class)
                .hasMessageContaining("Job \"migrate\"").hasMessageContaining("unknown delete policy 'always'");
    }
}
