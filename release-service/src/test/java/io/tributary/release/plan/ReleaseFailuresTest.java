package io.tributary.release.plan;

import static io.tributary.release.plan.PlanFixtures.VALUES_FOO_BAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.Annotations;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failure counters, their resets and the force/reset annotations, from helm-controller at tag v1.6.3 (commit
 * 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8):
 * <ul>
 * <li>{@code internal/action/reset_test.go} TestMustResetFailures: all 6 rows. The values are their digest here; the
 *     rows give the digest Flux computes for {@code {"foo": "bar"}}. The deprecated sha1 values checksum row changes
 *     values, so it resets here as upstream, but for another cause: a sha1 checksum cannot be recomputed from a sha256
 *     digest, so a legacy checksum always reads as changed (one extra reset after an upgrade from a pre-v2 status).</li>
 * <li>{@code api/v2/annotations_test.go} TestShouldHandleResetRequest (1).</li>
 * <li>The counter assertions of {@code internal/reconcile/install_test.go} TestInstall_failure "records failure" and
 *     TestInstall_success "clears failures if retry strategy is configured", the same two of {@code upgrade_test.go},
 *     and {@code test_test.go} TestTest_failure "records failure", "increases remediation failure count", "follows
 *     ignore failure instructions" (7). Their condition and event assertions are formatting the caller does; the
 *     "with logs" and "records success" subtests assert only that formatting and are not ported.</li>
 * </ul>
 */
class ReleaseFailuresTest {

    private static final String OTHER_VALUES = "sha256:9933f58f8bf459eb199d59ebc8a05683f3944e1242d9f5467d99aa2cf08a5370";

    static Stream<Arguments> mustResetFailures() {
        return Stream.of(
                Arguments.of("on generation change", new FailureReset.LastAttempt(2, null, null, null), 1, null, null, false,
                        FailureReset.DIFFERENT_GENERATION),
                Arguments.of("on revision change", new FailureReset.LastAttempt(1, "1.0.0", null, null), 1, "1.1.0", null, false,
                        FailureReset.DIFFERENT_REVISION),
                Arguments.of("on config digest change", new FailureReset.LastAttempt(1, "1.0.0", OTHER_VALUES, null), 1, "1.0.0",
                        VALUES_FOO_BAR, false, FailureReset.DIFFERENT_VALUES),
                Arguments.of("on (deprecated) values checksum change",
                        new FailureReset.LastAttempt(1, "1.0.0", null, "a856118d270c0db44a9019d51e2bba4fc3e6bac7"), 1, "1.0.0",
                        VALUES_FOO_BAR, false, FailureReset.DIFFERENT_VALUES),
                Arguments.of("on reset request through annotation", new FailureReset.LastAttempt(1, "1.0.0", VALUES_FOO_BAR, null), 1,
                        "1.0.0", VALUES_FOO_BAR, true, FailureReset.RESET_REQUESTED),
                Arguments.of("without change no reset", new FailureReset.LastAttempt(1, "1.0.0", VALUES_FOO_BAR, null), 1, "1.0.0",
                        VALUES_FOO_BAR, false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mustResetFailures(String name, FailureReset.LastAttempt last, long generation, String chartVersion, String values,
            boolean resetRequested, String want) {
        assertThat(FailureReset.reason(last, generation, chartVersion, values, resetRequested).orElse(null)).isEqualTo(want);
    }

    @Test
    void shouldHandleResetRequest() {
        AnnotationRequest reset = AnnotationRequest.reset(Map.of(Annotations.REQUESTED_AT, "b", Annotations.RESET_REQUESTED_AT, "b"),
                "a", "a");
        assertThat(reset.handle()).isTrue();
        assertThat(reset.lastHandled()).isEqualTo("b");
    }

    // --- counters, as the install, upgrade and test action reconcilers move them

    @Test
    void installAndUpgradeFailuresAreRecorded() {
        // TestInstall_failure / TestUpgrade_failure "records failure": failure() alone, storage untouched
        assertThat(FailureCounters.NONE.afterReleaseFailure(ReleaseAction.INSTALL, false)).isEqualTo(new FailureCounters(1, 0, 0));
        assertThat(FailureCounters.NONE.afterReleaseFailure(ReleaseAction.UPGRADE, false)).isEqualTo(new FailureCounters(1, 0, 0));
        // Reconcile then counts the attempt against the remediation when a release was written
        assertThat(FailureCounters.NONE.afterReleaseFailure(ReleaseAction.INSTALL, true)).isEqualTo(new FailureCounters(1, 1, 0));
        assertThat(FailureCounters.NONE.afterReleaseFailure(ReleaseAction.UPGRADE, true)).isEqualTo(new FailureCounters(1, 0, 1));
    }

    @Test
    void successClearsFailuresOnlyUnderRetryOnFailure() {
        FailureCounters three = new FailureCounters(3, 3, 3);
        // TestInstall_success / TestUpgrade_success "clears failures if retry strategy is configured"
        assertThat(three.afterReleaseSuccess(true)).isEqualTo(FailureCounters.NONE);
        assertThat(three.afterReleaseSuccess(false)).isEqualTo(three);
        ReleaseOptions retry = ReleaseOptions.of(spec("RetryOnFailure"), false);
        assertThat(retry.install().retry()).isPresent();
        assertThat(ReleaseOptions.of(spec(null), false).install().retry()).isEmpty();
    }

    @Test
    void testFailures() {
        ReleaseOptions defaults = ReleaseOptions.defaults();
        // "records failure": the snapshot carries no test results, so the run did not finish
        assertThat(FailureCounters.NONE.afterTestFailure(defaults.activeRemediation(null), false, false))
                .isEqualTo(new FailureCounters(1, 0, 0));
        // "increases remediation failure count": install attempted, tests ran (empty hooks)
        assertThat(FailureCounters.NONE.afterTestFailure(defaults.activeRemediation("install"), false, true))
                .isEqualTo(new FailureCounters(1, 1, 0));
        // "follows ignore failure instructions": spec.test.ignoreFailures, no attempt recorded
        assertThat(FailureCounters.NONE.afterTestFailure(defaults.activeRemediation(null), true, true).installFailures()).isZero();
        // beyond upstream: an active remediation that ignores test failures does not count them either
        assertThat(FailureCounters.NONE.afterTestFailure(Remediation.upgrade(1).withIgnoreTestFailures(true), false, true))
                .isEqualTo(new FailureCounters(1, 0, 0));
        assertThat(FailureCounters.NONE.afterTestFailure(defaults.activeRemediation("upgrade"), false, true))
                .isEqualTo(new FailureCounters(1, 0, 1));
    }

    // --- Beyond the upstream tables: Flux's HandleAnnotationRequest.

    static Stream<Arguments> annotationRequests() {
        String force = Annotations.FORCE_REQUESTED_AT;
        String requested = Annotations.REQUESTED_AT;
        return Stream.of(
                Arguments.of("no request", Map.of(requested, "t"), null, null, false, null),
                Arguments.of("request equal to requestedAt", Map.of(requested, "t", force, "t"), null, null, true, "t"),
                Arguments.of("request without requestedAt is recorded, not handled", Map.of(force, "t"), "old", null, false, "t"),
                Arguments.of("request different from requestedAt", Map.of(requested, "u", force, "t"), null, null, false, "t"),
                Arguments.of("request already handled", Map.of(requested, "t", force, "t"), "t", null, false, "t"),
                Arguments.of("requestedAt already handled", Map.of(requested, "t", force, "t"), null, "t", false, "t"),
                Arguments.of("no request keeps the last handled token", Map.of(), "old", "old", false, "old"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void annotationRequests(String name, Map<String, String> annotations, String lastHandled, String lastReconcile, boolean handle,
            String recorded) {
        assertThat(AnnotationRequest.force(annotations, lastHandled, lastReconcile)).isEqualTo(new AnnotationRequest(handle, recorded));
    }

    @Test
    void resetIsReadBeforeOtherCausesSoItsTokenIsRecordedEitherWay() {
        // generation changed: the reason is the generation, the reset token is still consumed by the caller's read
        assertThat(FailureReset.reason(new FailureReset.LastAttempt(1, "1.0.0", VALUES_FOO_BAR, null), 2, "1.0.0", VALUES_FOO_BAR, true))
                .contains(FailureReset.DIFFERENT_GENERATION);
        // nothing attempted yet: no recorded values digest to compare
        assertThat(FailureReset.reason(new FailureReset.LastAttempt(1, null, null, null), 1, null, VALUES_FOO_BAR, false)).isEmpty();
    }

    private static io.tributary.api.helm.HelmReleaseSpec spec(String installStrategy) {
        var spec = new io.tributary.api.helm.HelmReleaseSpec();
        if (installStrategy != null) {
            spec.install = new io.tributary.api.helm.HelmReleaseSpec.Install();
            spec.install.strategy = new io.tributary.api.helm.HelmReleaseSpec.ActionStrategy();
            spec.install.strategy.name = installStrategy;
        }
        return spec;
    }
}
