package io.tributary.release.plan;

import static io.tributary.release.plan.PlanFixtures.CHART;
import static io.tributary.release.plan.PlanFixtures.DESIRED;
import static io.tributary.release.plan.PlanFixtures.VALUES_BAR_FOO;
import static io.tributary.release.plan.PlanFixtures.VALUES_EMPTY;
import static io.tributary.release.plan.PlanFixtures.VALUES_FOO_BAR;
import static io.tributary.release.plan.PlanFixtures.VALUES_MOCK;
import static io.tributary.release.plan.PlanFixtures.observed;
import static io.tributary.release.plan.PlanFixtures.release;
import static io.tributary.release.plan.PlanFixtures.sha256;
import static io.tributary.release.plan.PlanFixtures.status;
import static io.tributary.release.plan.PlanFixtures.storage;
import static io.tributary.release.plan.PlanFixtures.withHooks;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.release.plan.ReleaseOptions.DriftMode;
import io.tributary.release.plan.ReleaseState.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm-controller {@code internal/reconcile/state_test.go} at tag v1.6.3 (commit
 * 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8): every row of Test_DetermineReleaseState (22) and of
 * TestDetermineReleaseState_DriftDetection (5).
 *
 * <p>Upstream stores real Helm releases in a memory driver and derives snapshots with
 * {@code ObservedToSnapshot(ObserveRelease(...))}; here a release is a {@link StoredRelease} whose digest stands for that
 * observation, and values are their digests. Upstream asserts the status and {@code ContainSubstring(want.Reason)} with
 * an empty want, so any reason; these rows also assert helm-controller's reason text.
 *
 * <p>The drift rows diff a release manifest against a test API server (the row applies the manifest or not). That
 * diff is I/O and stays with the caller; the rows port as the {@code clusterDrifted} flag it reports: drift when the
 * manifest was not applied. Their {@code Diff} contents are not part of the state here.
 */
class ReleaseStatesTest {

    /** Upstream sets {@code obj.Generation = 2} so that older observations can be set. */
    private static final long GENERATION = 2;
    private static final String PR1 = sha256("postRenderers");
    private static final String PR2 = sha256("postRenderers2");
    private static final String CM1 = sha256("commonMetadata");
    private static final String CM2 = sha256("commonMetadata2");

    record Row(ReleaseStorageView storage, ReleaseStatusView status, DesiredRelease desired, ReleaseOptions options,
            boolean drifted, Status want, String reason) {

        Row(ReleaseStorageView storage, ReleaseStatusView status, DesiredRelease desired, ReleaseOptions options, Status want,
                String reason) {
            this(storage, status, desired, options, false, want, reason);
        }
    }

    private static final ReleaseOptions DEFAULTS = ReleaseOptions.defaults();
    private static final ReleaseOptions TESTS = DEFAULTS.withTest(true, false);

    private static Map<String, String> hooks(String... nameAndPhase) {
        Map<String, String> hooks = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPhase.length; i += 2) {
            hooks.put(nameAndPhase[i], nameAndPhase[i + 1]);
        }
        return hooks;
    }

    static Stream<Arguments> determineReleaseState() {
        StoredRelease v1 = release(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR);
        StoredRelease v1Superseded = release(1, HelmStatus.SUPERSEDED, VALUES_MOCK);
        StoredRelease v2Deployed = release(2, HelmStatus.DEPLOYED, VALUES_FOO_BAR);
        StoredRelease v2FailedTest = withHooks(v2Deployed, hooks("failure-tests", "Failed"));
        StoredRelease v2Failed = release(2, HelmStatus.FAILED, VALUES_FOO_BAR);
        StoredRelease uninstalled = release(1, HelmStatus.UNINSTALLED, VALUES_FOO_BAR);
        Snapshot cur = observed(v1);
        return Stream.of(
                Arguments.of("in-sync release", new Row(storage(v1), status(cur), DESIRED, DEFAULTS, Status.IN_SYNC, "")),
                Arguments.of("no release in storage", new Row(storage(), ReleaseStatusView.EMPTY, DESIRED, DEFAULTS, Status.ABSENT,
                        "no release in storage for object")),
                Arguments.of("release disappeared from storage", new Row(storage(), status(observed(release(1, HelmStatus.DEPLOYED,
                        VALUES_MOCK))), DESIRED, DEFAULTS, Status.ABSENT, "no release in storage for object")),
                Arguments.of("existing release without current", new Row(storage(release(1, HelmStatus.DEPLOYED, VALUES_MOCK)),
                        ReleaseStatusView.EMPTY, DESIRED, DEFAULTS, Status.UNMANAGED, "found existing release in storage")),
                Arguments.of("release digest parse error", new Row(storage(v1), status(withDigest(cur, "sha256:invalid")), DESIRED,
                        DEFAULTS, Status.UNMANAGED, "release digest verification error")),
                // digest for empty string is always mismatch
                Arguments.of("release digest mismatch", new Row(storage(v1), status(withDigest(cur,
                        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")), DESIRED, DEFAULTS,
                        Status.UNMANAGED, "release not observed to be made for object")),
                Arguments.of("release in pending state", new Row(storage(release(1, HelmStatus.PENDING_INSTALL, VALUES_FOO_BAR)),
                        ReleaseStatusView.EMPTY, DESIRED, DEFAULTS, Status.LOCKED, "release with status 'pending-install'")),
                Arguments.of("untested release", new Row(storage(v1), status(cur), DESIRED, TESTS, Status.UNTESTED, "")),
                Arguments.of("incomplete test result", new Row(storage(v1),
                        status(cur.withTestHooks(hooks("passing-test", "Succeeded", "never-run-test", ""))).withLastAttempted("upgrade"),
                        DESIRED, TESTS, Status.UNTESTED, "")),
                Arguments.of("failed test", new Row(storage(v1Superseded, v2FailedTest),
                        status(observed(v2FailedTest).withTestHooks(v2FailedTest.testHooks())).withLastAttempted("upgrade"),
                        DESIRED, TESTS, Status.FAILED, "release has test in failed phase")),
                Arguments.of("failed test with unstarted remaining test hooks", new Row(storage(v2Deployed),
                        status(observed(v2Deployed).withTestHooks(hooks("failure-tests", "Failed", "never-run-test", "")))
                                .withLastAttempted("upgrade"),
                        DESIRED, TESTS, Status.FAILED, "release has test in failed phase")),
                Arguments.of("failed test with ignore failures set", new Row(storage(v2FailedTest),
                        status(observed(v2FailedTest).withTestHooks(v2FailedTest.testHooks())).withLastAttempted("install"),
                        DESIRED, DEFAULTS.withTest(true, true), Status.IN_SYNC, "")),
                Arguments.of("failed test is ignored when not made by controller", new Row(storage(v2FailedTest),
                        status(observed(v2FailedTest)), DESIRED, TESTS, Status.UNTESTED, "")),
                Arguments.of("failed release", new Row(storage(v1Superseded, v2Failed), status(observed(v2Failed),
                        observed(v1Superseded)), DESIRED.withValuesDigest(VALUES_EMPTY), DEFAULTS, Status.FAILED, "")),
                Arguments.of("uninstalled release", new Row(storage(uninstalled), status(observed(uninstalled)),
                        DESIRED.withValuesDigest(VALUES_EMPTY), DEFAULTS, Status.ABSENT, "found uninstalled release in storage")),
                Arguments.of("uninstalled release without current", new Row(storage(uninstalled), ReleaseStatusView.EMPTY,
                        DESIRED, DEFAULTS, Status.ABSENT, "found uninstalled release in storage")),
                Arguments.of("chart changed", new Row(storage(v1), status(cur), DESIRED.withChart("other-name", "0.1.0"), DEFAULTS,
                        Status.OUT_OF_SYNC, "release chart changed")),
                Arguments.of("values changed", new Row(storage(v1), status(cur), DESIRED.withValuesDigest(VALUES_BAR_FOO), DEFAULTS,
                        Status.OUT_OF_SYNC, "release config values changed")),
                Arguments.of("postRenderers changed", new Row(storage(v1), status(cur).withObserved(0, PR1, ""),
                        DESIRED.withRenderDigests(PR2, ""), DEFAULTS, Status.OUT_OF_SYNC, "postrenderers digest has changed")),
                Arguments.of("postRenderers mismatch ignored for processed generation", new Row(storage(v1),
                        status(cur).withObserved(2, PR1, ""), DESIRED.withRenderDigests(PR2, ""), DEFAULTS, Status.IN_SYNC, "")),
                Arguments.of("commonMetadata changed", new Row(storage(v1), status(cur).withObserved(0, "", CM1),
                        DESIRED.withRenderDigests("", CM2), DEFAULTS, Status.OUT_OF_SYNC, "common metadata digest has changed")),
                Arguments.of("commonMetadata mismatch ignored for processed generation", new Row(storage(v1),
                        status(cur).withObserved(2, "", CM1), DESIRED.withRenderDigests("", CM2), DEFAULTS, Status.IN_SYNC, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void determineReleaseState(String name, Row row) {
        assertState(row);
    }

    static Stream<Arguments> driftDetection() {
        StoredRelease rls = release(1, HelmStatus.DEPLOYED, VALUES_MOCK);
        ReleaseStatusView status = status(observed(rls));
        DesiredRelease desired = DESIRED.withValuesDigest(VALUES_MOCK);
        return Stream.of(
                Arguments.of("with drift and detection mode enabled", new Row(storage(rls), status, desired,
                        DEFAULTS.withDriftMode(DriftMode.ENABLED), true, Status.DRIFTED, "")),
                Arguments.of("without drift and detection mode enabled", new Row(storage(rls), status, desired,
                        DEFAULTS.withDriftMode(DriftMode.ENABLED), false, Status.IN_SYNC, "")),
                Arguments.of("with drift and detection mode warn", new Row(storage(rls), status, desired,
                        DEFAULTS.withDriftMode(DriftMode.WARN), true, Status.DRIFTED, "")),
                Arguments.of("without drift and detection mode warn", new Row(storage(rls), status, desired,
                        DEFAULTS.withDriftMode(DriftMode.WARN), false, Status.IN_SYNC, "")),
                // the manifest is not applied in this row, so a diff would find drift; disabled means none is looked for
                Arguments.of("drift detection mode disabled", new Row(storage(rls), status, desired,
                        DEFAULTS.withDriftMode(DriftMode.DISABLED), true, Status.IN_SYNC, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void driftDetection(String name, Row row) {
        assertState(row);
    }

    // --- Beyond the upstream tables.

    static Stream<Arguments> beyondUpstream() {
        StoredRelease v1 = release(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR);
        StoredRelease v2FailedTest = withHooks(release(2, HelmStatus.DEPLOYED, VALUES_FOO_BAR), hooks("t", "Failed"));
        Snapshot failedTest = observed(v2FailedTest).withTestHooks(v2FailedTest.testHooks());
        return Stream.of(
                Arguments.of("a legacy snapshot (no apiVersion) is not digest-checked", new Row(storage(v1),
                        status(withApiVersion(withDigest(observed(v1), sha256("other")), null)), DESIRED, DEFAULTS, Status.IN_SYNC, "")),
                Arguments.of("a snapshot of another apiVersion is not digest-checked", new Row(storage(v1),
                        status(withApiVersion(withDigest(observed(v1), "sha256:invalid"), "v1")), DESIRED, DEFAULTS, Status.IN_SYNC, "")),
                Arguments.of("a sha512 digest of the right length parses", new Row(storage(v1),
                        status(withDigest(observed(v1), "sha512:" + "a".repeat(128))), DESIRED, DEFAULTS, Status.UNMANAGED,
                        "release not observed to be made for object")),
                Arguments.of("upper-case hex is not a digest", new Row(storage(v1),
                        status(withDigest(observed(v1), observed(v1).digest().toUpperCase().replace("SHA256", "sha256"))),
                        DESIRED, DEFAULTS, Status.UNMANAGED, "release digest verification error")),
                Arguments.of("pending-upgrade locks", new Row(storage(v1, release(2, HelmStatus.PENDING_UPGRADE, VALUES_FOO_BAR)),
                        status(observed(v1)), DESIRED, DEFAULTS, Status.LOCKED, "release with status 'pending-upgrade'")),
                Arguments.of("pending-rollback locks before the history is read", new Row(storage(release(3, HelmStatus.PENDING_ROLLBACK,
                        VALUES_FOO_BAR)), ReleaseStatusView.EMPTY, DESIRED, DEFAULTS, Status.LOCKED, "release with status 'pending-rollback'")),
                Arguments.of("a superseded latest release is unknown", new Row(storage(release(1, HelmStatus.SUPERSEDED, VALUES_FOO_BAR)),
                        status(observed(release(1, HelmStatus.SUPERSEDED, VALUES_FOO_BAR))), DESIRED, DEFAULTS, Status.UNKNOWN,
                        "unable to determine state for release with status 'superseded'")),
                Arguments.of("uninstalling is not pending: unknown", new Row(storage(release(1, HelmStatus.UNINSTALLING, VALUES_FOO_BAR)),
                        status(observed(release(1, HelmStatus.UNINSTALLING, VALUES_FOO_BAR))), DESIRED, DEFAULTS, Status.UNKNOWN,
                        "unable to determine state for release with status 'uninstalling'")),
                Arguments.of("chart version changed", new Row(storage(v1), status(observed(v1)), DESIRED.withChart(CHART, "0.2.0"),
                        DEFAULTS, Status.OUT_OF_SYNC, "release chart changed")),
                Arguments.of("no recorded config digest", new Row(storage(v1), status(withConfig(observed(v1), null)), DESIRED,
                        DEFAULTS, Status.OUT_OF_SYNC, "release config values changed")),
                Arguments.of("a failed test without an active remediation is not acted on", new Row(storage(v2FailedTest),
                        status(failedTest), DESIRED, TESTS, Status.IN_SYNC, "")),
                Arguments.of("the upgrade remediation's ignoreTestFailures overrides spec.test", new Row(storage(v2FailedTest),
                        status(failedTest).withLastAttempted("upgrade"), DESIRED,
                        TESTS.withUpgrade(Remediation.upgrade(0).withIgnoreTestFailures(true), null), Status.IN_SYNC, "")),
                Arguments.of("...and can also un-ignore them", new Row(storage(v2FailedTest),
                        status(failedTest).withLastAttempted("install"), DESIRED,
                        DEFAULTS.withTest(true, true).withInstall(Remediation.install(0).withIgnoreTestFailures(false), null),
                        Status.FAILED, "release has test in failed phase")),
                Arguments.of("all hooks succeeded", new Row(storage(v1), status(observed(v1).withTestHooks(hooks("a", "Succeeded"))),
                        DESIRED, TESTS, Status.IN_SYNC, "")),
                Arguments.of("drift is not looked at for an out-of-sync release", new Row(storage(v1), status(observed(v1)),
                        DESIRED.withValuesDigest(VALUES_BAR_FOO), DEFAULTS.withDriftMode(DriftMode.ENABLED), true, Status.OUT_OF_SYNC,
                        "release config values changed")),
                Arguments.of("an untested release is not reported drifted", new Row(storage(v1), status(observed(v1)), DESIRED,
                        TESTS.withDriftMode(DriftMode.ENABLED), true, Status.UNTESTED, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void beyondUpstream(String name, Row row) {
        assertState(row);
    }

    @Test
    void statusViewReadsTheApiStatus() {
        var api = new io.tributary.api.helm.HelmReleaseStatus();
        var snap = new io.tributary.api.helm.HelmReleaseStatus.Snapshot();
        snap.apiVersion = "v2";
        snap.digest = release(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR).digest();
        snap.name = PlanFixtures.NAME;
        snap.namespace = PlanFixtures.NAMESPACE;
        snap.version = 1L;
        snap.status = "deployed";
        snap.chartName = CHART;
        snap.chartVersion = PlanFixtures.CHART_VERSION;
        snap.configDigest = VALUES_FOO_BAR;
        api.history = java.util.List.of(snap);
        api.observedGeneration = 2L;
        ReleaseStatusView view = ReleaseStatusView.of(api);
        assertThat(view.history().latest()).contains(observed(release(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR)));
        assertThat(view.counters()).isEqualTo(FailureCounters.NONE);
        assertThat(ReleaseStates.of(storage(release(1, HelmStatus.DEPLOYED, VALUES_FOO_BAR)), view, DESIRED, TESTS, GENERATION, false))
                .isEqualTo(ReleaseState.of(Status.UNTESTED));
        assertThat(ReleaseStatusView.of(new io.tributary.api.helm.HelmReleaseStatus()).observedGeneration()).isEqualTo(-1);
    }

    private static void assertState(Row row) {
        ReleaseState got = ReleaseStates.of(row.storage(), row.status(), row.desired(), row.options(), GENERATION, row.drifted());
        assertThat(got).isEqualTo(new ReleaseState(row.want(), row.reason()));
    }

    private static Snapshot withDigest(Snapshot s, String digest) {
        return new Snapshot(s.apiVersion(), digest, s.name(), s.namespace(), s.version(), s.status(), s.chartName(), s.chartVersion(),
                s.configDigest(), s.testHooks());
    }

    private static Snapshot withApiVersion(Snapshot s, String apiVersion) {
        return new Snapshot(apiVersion, s.digest(), s.name(), s.namespace(), s.version(), s.status(), s.chartName(), s.chartVersion(),
                s.configDigest(), s.testHooks());
    }

    private static Snapshot withConfig(Snapshot s, String config) {
        return new Snapshot(s.apiVersion(), s.digest(), s.name(), s.namespace(), s.version(), s.status(), s.chartName(),
                s.chartVersion(), config, s.testHooks());
    }
}
