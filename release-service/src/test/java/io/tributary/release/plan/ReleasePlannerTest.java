package io.tributary.release.plan;

import static io.tributary.release.plan.PlanFixtures.NAME;
import static io.tributary.release.plan.PlanFixtures.NAMESPACE;
import static io.tributary.release.plan.PlanFixtures.VALUES_MOCK;
import static io.tributary.release.plan.PlanFixtures.observed;
import static io.tributary.release.plan.PlanFixtures.release;
import static io.tributary.release.plan.PlanFixtures.snapshot;
import static io.tributary.release.plan.PlanFixtures.status;
import static io.tributary.release.plan.PlanFixtures.storage;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.ReleaseOptions.DriftMode;
import io.tributary.release.plan.ReleaseState.Status;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm-controller {@code internal/reconcile/atomic_release_test.go} at tag v1.6.3 (commit
 * 372c34e2b4a455d24ef6cbb8321c82c4533dbbd8): every row of TestAtomicRelease_actionForState (29),
 * TestReleaseStrategy_CleanRelease_MustContinue (3) and TestReleaseStrategy_CleanRelease_MustStop (3).
 *
 * <p>How the rows map: an expected action reconciler is {@link Plan.Run} of that {@link ReleaseAction}; {@code nil} is
 * {@link Plan.Done}; ErrExceededMaxRetries and ErrMissingRollbackTarget (which the reconcile loop turns into Stalled)
 * are {@link Plan.Stalled} with RetriesExceeded / MissingRollbackTarget; ErrUnknownRemediationStrategy is
 * {@link Plan.Failed}. {@code assertConditions} are the {@link StatusChanges#conditions()} of the plan, except Ready:
 * upstream's Ready there comes from {@code summarize}, which a {@link Plan.Done} asks the caller to run. Upstream's
 * {@code wantEvent} (the DriftDetected warning) is emitted by the drift check ({@code CorrectDrift.detection}); the diff
 * summary it finds is the Drifted state's reason, so the drift rows carry upstream's summary there and assert the whole
 * Drifted message.
 *
 * <p>Row "invalid release status returns error" passes a status string no state has; the closest here is
 * {@link Status#UNKNOWN}, which plans {@link Plan.Failed} with StateError (upstream's DetermineReleaseState error path)
 * rather than returning ErrUnknownReleaseStatus.
 *
 * <p>The 37 rows of TestAtomicRelease_Reconcile_Scenarios (29), ..._PostRenderers_Scenarios (4) and
 * ..._CommonMetadata_Scenarios (4) run real charts through Helm; they are ported in {@code ReleaseLoopTest} against a
 * fake Helm. Not ported: TestAtomicRelease_Reconcile "runs a series of actions" (1), which installs and tests a real
 * chart and asserts the conditions the action reconcilers write (caller-side formatting), and Test_replaceCondition
 * (4 rows), which tests the condition setter the caller owns; here the replacement is {@link ConditionChange#replaces()}.
 */
class ReleasePlannerTest {

    private static final ReleaseOptions DEFAULTS = ReleaseOptions.defaults();

    record Row(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage, boolean force,
            Class<? extends Plan> plan, ReleaseAction action, String reason, List<ConditionChange> conditions) {
    }

    private static Row run(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage,
            boolean force, ReleaseAction action) {
        return new Row(state, options, status, storage, force, Plan.Run.class, action, null, List.of());
    }

    private static Row done(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, List<ConditionChange> conditions) {
        return new Row(state, options, status, ReleaseStorageView.EMPTY, false, Plan.Done.class, ReleaseAction.NONE, null, conditions);
    }

    private static Row stalled(ReleaseState state, ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage,
            String reason) {
        return new Row(state, options, status, storage, false, Plan.Stalled.class, ReleaseAction.NONE, reason, List.of());
    }

    private static ReleaseState state(Status status) {
        return ReleaseState.of(status);
    }

    private static ConditionsView conditions(String releasedReason, boolean remediated, boolean ready) {
        return new ConditionsView(ready, false, releasedReason, remediated);
    }

    static Stream<Arguments> actionForState() {
        ReleaseStatusView v1 = status(snapshot(1, null));
        ReleaseStatusView named = status(new Snapshot(null, null, NAME, NAMESPACE, 1, null, null, null, null, null));
        StoredRelease superseded1 = release(1, HelmStatus.SUPERSEDED, VALUES_MOCK);
        StoredRelease failed2 = release(2, HelmStatus.FAILED, VALUES_MOCK);
        ReleaseOptions upgradeRetries2 = DEFAULTS.withUpgrade(Remediation.upgrade(2), null);
        String upgradeSucceeded = "Helm upgrade succeeded for release /.v1 with chart @";
        // the Drifted state's reason is the drift summary: upstream's row has one deleted Deployment
        ReleaseState driftedState = new ReleaseState(Status.DRIFTED, "Deployment/something/mock removed");
        String drifted = "Cluster state of release mock-ns/mock-release.v1 has drifted from the desired state:\n"
                + "Deployment/something/mock removed";
        return Stream.of(
                Arguments.of("in-sync release does not trigger any action", done(state(Status.IN_SYNC), DEFAULTS, v1, List.of())),
                Arguments.of("in-sync release with force annotation triggers upgrade action",
                        new Row(state(Status.IN_SYNC), DEFAULTS, v1, ReleaseStorageView.EMPTY, true, Plan.Run.class,
                                ReleaseAction.UPGRADE, null, List.of())),
                Arguments.of("in-sync release with stale remediated condition", done(state(Status.IN_SYNC), DEFAULTS,
                        v1.withConditions(conditions(Reasons.UPGRADE_FAILED, true, false)),
                        List.of(new ConditionChange(ConditionTypes.RELEASED, true, Reasons.UPGRADE_SUCCEEDED, upgradeSucceeded,
                                ConditionTypes.REMEDIATED)))),
                Arguments.of("in-sync release with stale ready condition", done(state(Status.IN_SYNC), DEFAULTS,
                        v1.withConditions(conditions(Reasons.UPGRADE_FAILED, false, false)),
                        List.of(ConditionChange.set(ConditionTypes.RELEASED, true, Reasons.UPGRADE_SUCCEEDED, upgradeSucceeded)))),
                Arguments.of("in-sync release with stale install failed condition", done(state(Status.IN_SYNC), DEFAULTS,
                        v1.withConditions(conditions(Reasons.INSTALL_FAILED, false, false)),
                        List.of(ConditionChange.set(ConditionTypes.RELEASED, true, Reasons.INSTALL_SUCCEEDED,
                                "Helm install succeeded for release /.v1 with chart @")))),
                Arguments.of("locked release triggers unlock action", run(state(Status.LOCKED), DEFAULTS, ReleaseStatusView.EMPTY,
                        ReleaseStorageView.EMPTY, false, ReleaseAction.UNLOCK)),
                Arguments.of("absent release triggers install action", run(state(Status.ABSENT), DEFAULTS, ReleaseStatusView.EMPTY,
                        ReleaseStorageView.EMPTY, false, ReleaseAction.INSTALL)),
                Arguments.of("absent release without remaining retries and force annotation triggers install",
                        run(state(Status.ABSENT), DEFAULTS, failures(0, 1, 0), ReleaseStorageView.EMPTY, true, ReleaseAction.INSTALL)),
                Arguments.of("absent release without remaining retries returns error", stalled(state(Status.ABSENT), DEFAULTS,
                        failures(0, 1, 0), ReleaseStorageView.EMPTY, Reasons.RETRIES_EXCEEDED)),
                Arguments.of("unmanaged release triggers upgrade", run(state(Status.UNMANAGED), DEFAULTS, ReleaseStatusView.EMPTY,
                        ReleaseStorageView.EMPTY, false, ReleaseAction.UPGRADE)),
                Arguments.of("drifted release triggers correction if enabled",
                        new Row(driftedState, DEFAULTS.withDriftMode(DriftMode.ENABLED), named, ReleaseStorageView.EMPTY, false,
                                Plan.Run.class, ReleaseAction.CORRECT_DRIFT, null,
                                List.of(ConditionChange.set(ConditionTypes.DRIFTED, true, Reasons.DRIFT_DETECTED, drifted)))),
                Arguments.of("drifted release only triggers event if mode is warn", done(driftedState,
                        DEFAULTS.withDriftMode(DriftMode.DISABLED), named,
                        List.of(ConditionChange.set(ConditionTypes.DRIFTED, true, Reasons.DRIFT_DETECTED, drifted)))),
                Arguments.of("out-of-sync release triggers upgrade", run(state(Status.OUT_OF_SYNC), DEFAULTS, ReleaseStatusView.EMPTY,
                        ReleaseStorageView.EMPTY, false, ReleaseAction.UPGRADE)),
                Arguments.of("out-of-sync release with no remaining retries and force annotation triggers upgrade",
                        run(state(Status.OUT_OF_SYNC), DEFAULTS, failures(0, 0, 1), ReleaseStorageView.EMPTY, true, ReleaseAction.UPGRADE)),
                Arguments.of("out-of-sync release with no remaining retries returns error", stalled(state(Status.OUT_OF_SYNC), DEFAULTS,
                        failures(0, 0, 1), ReleaseStorageView.EMPTY, Reasons.RETRIES_EXCEEDED)),
                Arguments.of("untested release triggers test action", run(state(Status.UNTESTED), DEFAULTS, ReleaseStatusView.EMPTY,
                        ReleaseStorageView.EMPTY, false, ReleaseAction.TEST)),
                Arguments.of("untested release with stale remediated condition",
                        new Row(state(Status.UNTESTED), DEFAULTS, v1.withConditions(conditions(Reasons.UPGRADE_FAILED, true, false)),
                                ReleaseStorageView.EMPTY, false, Plan.Run.class, ReleaseAction.TEST, null,
                                List.of(new ConditionChange(ConditionTypes.RELEASED, true, Reasons.UPGRADE_SUCCEEDED, upgradeSucceeded,
                                        ConditionTypes.REMEDIATED)))),
                Arguments.of("failed release without active remediation triggers upgrade", run(state(Status.FAILED), DEFAULTS,
                        failures(0, 1, 0).withLastAttempted(""), ReleaseStorageView.EMPTY, false, ReleaseAction.UPGRADE)),
                Arguments.of("failed release without failure count triggers upgrade", run(state(Status.FAILED), DEFAULTS,
                        failures(0, 0, 0).withLastAttempted("upgrade"), ReleaseStorageView.EMPTY, false, ReleaseAction.UPGRADE)),
                Arguments.of("failed release with exhausted retries and force annotation triggers upgrade", run(state(Status.FAILED),
                        DEFAULTS, failures(0, 0, 1).withLastAttempted("upgrade"), ReleaseStorageView.EMPTY, true, ReleaseAction.UPGRADE)),
                Arguments.of("failed release with exhausted retries returns error", stalled(state(Status.FAILED), DEFAULTS,
                        failures(0, 0, 1).withLastAttempted("upgrade"), ReleaseStorageView.EMPTY, Reasons.RETRIES_EXCEEDED)),
                Arguments.of("failed release with active install remediation triggers uninstall", run(state(Status.FAILED),
                        DEFAULTS.withInstall(Remediation.install(3), null), failures(0, 2, 0).withLastAttempted("install"),
                        ReleaseStorageView.EMPTY, false, ReleaseAction.UNINSTALL_REMEDIATION)),
                Arguments.of("failed release with active install retry triggers upgrade", run(state(Status.FAILED),
                        DEFAULTS.withInstall(Remediation.install(0), ReleaseOptions.DEFAULT_RETRY_INTERVAL),
                        failures(0, 2, 0).withLastAttempted("install"), ReleaseStorageView.EMPTY, false, ReleaseAction.UPGRADE)),
                Arguments.of("failed release with active upgrade remediation triggers rollback", run(state(Status.FAILED),
                        upgradeRetries2, failures(0, 0, 1).withLastAttempted("upgrade").withHistory(observed(failed2), observed(superseded1)),
                        storage(superseded1, failed2), false, ReleaseAction.ROLLBACK_REMEDIATION)),
                Arguments.of("failed release with active upgrade retry triggers upgrade", run(state(Status.FAILED),
                        DEFAULTS.withUpgrade(Remediation.upgrade(0), ReleaseOptions.DEFAULT_RETRY_INTERVAL),
                        failures(0, 0, 1).withLastAttempted("upgrade").withHistory(observed(failed2), observed(superseded1)),
                        storage(superseded1, failed2), false, ReleaseAction.UPGRADE)),
                Arguments.of("failed release with active upgrade remediation and no previous release triggers error",
                        stalled(state(Status.FAILED), upgradeRetries2, failures(0, 0, 1).withLastAttempted("upgrade")
                                .withHistory(observed(failed2)), storage(failed2), Reasons.MISSING_ROLLBACK_TARGET)),
                Arguments.of("failed release with active upgrade remediation and unverified previous triggers upgrade",
                        run(state(Status.FAILED), upgradeRetries2, failures(0, 0, 1).withLastAttempted("upgrade")
                                .withHistory(observed(failed2), observed(superseded1)), storage(failed2), false, ReleaseAction.UPGRADE)),
                Arguments.of("unknown remediation strategy returns error",
                        new Row(state(Status.FAILED), DEFAULTS.withUpgrade(Remediation.upgrade(2).withStrategy("invalid"), null),
                                failures(0, 0, 1).withLastAttempted("upgrade").withHistory(observed(superseded1)), storage(superseded1),
                                false, Plan.Failed.class, ReleaseAction.NONE, Reasons.RECONCILIATION_FAILED, List.of())),
                Arguments.of("invalid release status returns error", new Row(new ReleaseState(Status.UNKNOWN, "invalid"), DEFAULTS,
                        ReleaseStatusView.EMPTY, ReleaseStorageView.EMPTY, false, Plan.Failed.class, ReleaseAction.NONE,
                        Reasons.STATE_ERROR, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void actionForState(String name, Row row) {
        Plan plan = ReleasePlanner.next(row.state(), row.options(), row.status(), row.storage(), List.of(), row.force());
        assertThat(plan).isInstanceOf(row.plan());
        assertThat(plan.action()).isEqualTo(row.action());
        if (plan instanceof Plan.Stalled stalled) {
            assertThat(stalled.reason()).isEqualTo(row.reason());
        }
        if (plan instanceof Plan.Failed failed) {
            assertThat(failed.reason()).isEqualTo(row.reason());
        }
        assertThat(plan.changes().conditions()).isEqualTo(row.conditions());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "continue if not in previous, ROLLBACK_REMEDIATION, UPGRADE, true",
        "do not continue if in previous, ROLLBACK_REMEDIATION, ROLLBACK_REMEDIATION, false",
        "do continue on nil, ROLLBACK_REMEDIATION, , true",
    })
    void cleanReleaseMustContinue(String name, ReleaseAction current, ReleaseAction previous, boolean want) {
        assertThat(ReleasePlanner.mustContinue(current, previous == null ? List.of() : List.of(previous))).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "stop if current is remediate, UNINSTALL_REMEDIATION, true",
        "do not stop if current is not remediate, UPGRADE, false",
        "do not stop if current is not remediate (unlock), UNLOCK, false",
    })
    void cleanReleaseMustStop(String name, ReleaseAction current, boolean want) {
        assertThat(ReleasePlanner.mustStop(current)).isEqualTo(want);
    }

    // --- Beyond the upstream tables: messages, history, and the loop rules around actionForState.

    @Test
    void stalledMessagesCountTheAttemptsOfTheActiveRemediation() {
        Plan install = ReleasePlanner.next(state(Status.ABSENT), DEFAULTS, failures(1, 1, 0).withLastAttempted("install"),
                ReleaseStorageView.EMPTY, List.of(), false);
        assertThat(install).isEqualTo(new Plan.Stalled(Reasons.RETRIES_EXCEEDED, "Failed to install after 1 attempt(s)", StatusChanges.NONE));
        // no attempt recorded (upstream would dereference a nil remediation): the remediation checked is counted
        Plan none = ReleasePlanner.next(state(Status.ABSENT), DEFAULTS, failures(1, 1, 0), ReleaseStorageView.EMPTY, List.of(), false);
        assertThat(((Plan.Stalled) none).message()).isEqualTo("Failed to install after 1 attempt(s)");
        Plan upgrade = ReleasePlanner.next(state(Status.FAILED), DEFAULTS.withUpgrade(Remediation.upgrade(2), null),
                failures(3, 0, 3).withLastAttempted("upgrade"), ReleaseStorageView.EMPTY, List.of(), false);
        // retries 2 > 0: remediateLastFailure defaults to true, so the exhausted upgrade is still rolled back... to nothing
        assertThat(upgrade).isInstanceOf(Plan.Stalled.class);
        assertThat(((Plan.Stalled) upgrade).reason()).isEqualTo(Reasons.MISSING_ROLLBACK_TARGET);
        assertThat(((Plan.Stalled) upgrade).message())
                .isEqualTo("Failed to perform remediation: missing target release for rollback: cannot remediate failed release");
    }

    @Test
    void negativeRetriesNeverRunOut() {
        ReleaseOptions unlimited = DEFAULTS.withInstall(Remediation.install(-1), null).withUpgrade(Remediation.upgrade(-1), null);
        assertThat(ReleasePlanner.next(state(Status.ABSENT), unlimited, failures(99, 99, 0).withLastAttempted("install"),
                ReleaseStorageView.EMPTY, List.of(), false).action()).isEqualTo(ReleaseAction.INSTALL);
        assertThat(ReleasePlanner.next(state(Status.OUT_OF_SYNC), unlimited, failures(99, 0, 99).withLastAttempted("upgrade"),
                ReleaseStorageView.EMPTY, List.of(), false).action()).isEqualTo(ReleaseAction.UPGRADE);
    }

    @Test
    void remediationTruncatesHistoryToThePreviousGoodRelease() {
        StoredRelease v1 = release(1, HelmStatus.SUPERSEDED, VALUES_MOCK);
        StoredRelease v2 = release(2, HelmStatus.SUPERSEDED, VALUES_MOCK);
        StoredRelease v3 = release(3, HelmStatus.FAILED, VALUES_MOCK);
        Plan plan = ReleasePlanner.next(state(Status.FAILED), DEFAULTS.withUpgrade(Remediation.upgrade(1), null),
                failures(1, 0, 1).withLastAttempted("upgrade").withHistory(observed(v3), observed(v2), observed(v1)),
                storage(v1, v2, v3), List.of(), false);
        assertThat(plan.action()).isEqualTo(ReleaseAction.ROLLBACK_REMEDIATION);
        assertThat(plan.changes().history()).isEqualTo(ReleaseHistory.of(observed(v3), observed(v2)));
    }

    @Test
    void unmanagedClearsHistoryAndRetryKeepsIt() {
        assertThat(ReleasePlanner.next(state(Status.UNMANAGED), DEFAULTS, status(snapshot(1, "deployed")), ReleaseStorageView.EMPTY,
                List.of(), false).changes().history()).isEqualTo(ReleaseHistory.EMPTY);
        ReleaseStatusView six = status(snapshot(6, "failed"), snapshot(5, "failed"), snapshot(4, "deployed"), snapshot(3, "superseded"),
                snapshot(2, "superseded"), snapshot(1, "superseded")).withLastAttempted("upgrade").withCounters(new FailureCounters(1, 0, 1));
        Plan retry = ReleasePlanner.next(state(Status.FAILED), DEFAULTS.withUpgrade(Remediation.upgrade(0), Duration.ofMinutes(1)),
                six, ReleaseStorageView.EMPTY, List.of(), false);
        assertThat(retry.action()).isEqualTo(ReleaseAction.UPGRADE);
        assertThat(retry.changes().history().snapshots()).extracting(Snapshot::version).containsExactly(6L, 5L, 4L, 3L, 2L);
    }

    @Test
    void inSyncWithDriftDetectionRecordsNoDrift() {
        Plan plan = ReleasePlanner.next(state(Status.IN_SYNC), DEFAULTS.withDriftMode(DriftMode.WARN), status(snapshot(1, "deployed")),
                ReleaseStorageView.EMPTY, List.of(), false);
        assertThat(plan.changes().conditions()).containsExactly(ConditionChange.set(ConditionTypes.DRIFTED, false,
                Reasons.NO_DRIFT_DETECTED, "No drift detected against the cluster state"));
    }

    @Test
    void forceCountsOnlyForTheFirstStep() {
        ReleaseStatusView v1 = status(snapshot(1, "deployed"));
        assertThat(ReleasePlanner.next(state(Status.IN_SYNC), DEFAULTS, v1, ReleaseStorageView.EMPTY, List.of(), true).action())
                .isEqualTo(ReleaseAction.UPGRADE);
        assertThat(ReleasePlanner.next(state(Status.IN_SYNC), DEFAULTS, v1, ReleaseStorageView.EMPTY,
                List.of(ReleaseAction.UNLOCK), true)).isInstanceOf(Plan.Done.class);
    }

    static Stream<Arguments> repeatedActionStops() {
        ReleaseStatusView upgraded = failures(0, 0, 0).withLastAttempted("upgrade");
        return Stream.of(
                Arguments.of("a second release action requeues while retries remain", state(Status.OUT_OF_SYNC), DEFAULTS, upgraded,
                        List.of(ReleaseAction.UPGRADE), new Plan.Requeue(StatusChanges.NONE)),
                Arguments.of("install then upgrade is one release type twice", state(Status.UNMANAGED), DEFAULTS,
                        failures(0, 0, 0).withLastAttempted("install"), List.of(ReleaseAction.INSTALL),
                        new Plan.Requeue(StatusChanges.history(ReleaseHistory.EMPTY))),
                Arguments.of("under RetryOnFailure it retries after the interval", state(Status.FAILED),
                        DEFAULTS.withUpgrade(Remediation.upgrade(0), Duration.ofMinutes(1)), upgraded, List.of(ReleaseAction.UPGRADE),
                        new Plan.RetryAfter(Duration.ofMinutes(1), StatusChanges.history(ReleaseHistory.EMPTY))),
                Arguments.of("with no attempt recorded it requeues", state(Status.LOCKED), DEFAULTS, ReleaseStatusView.EMPTY,
                        List.of(ReleaseAction.UNLOCK), new Plan.Requeue(StatusChanges.NONE)),
                Arguments.of("with retries exhausted it stops quietly", state(Status.UNTESTED), DEFAULTS,
                        failures(1, 0, 1).withLastAttempted("upgrade"), List.of(ReleaseAction.UPGRADE, ReleaseAction.TEST),
                        new Plan.Stopped(StatusChanges.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void repeatedActionStops(String name, ReleaseState state, ReleaseOptions options, ReleaseStatusView status,
            List<ReleaseAction> previous, Plan want) {
        assertThat(ReleasePlanner.next(state, options, status, ReleaseStorageView.EMPTY, previous, false)).isEqualTo(want);
    }

    static Stream<Arguments> afterRun() {
        ReleaseOptions rollback = DEFAULTS.withUpgrade(Remediation.upgrade(1), null);
        ReleaseOptions uninstall = DEFAULTS.withUpgrade(Remediation.upgrade(1).withStrategy(Remediation.UNINSTALL), null);
        Plan requeue = new Plan.Requeue(StatusChanges.NONE);
        return Stream.of(
                Arguments.of("a release action continues", ReleaseAction.UPGRADE, rollback, failures(2, 0, 2).withLastAttempted("upgrade"),
                        null),
                Arguments.of("a test continues", ReleaseAction.TEST, rollback, failures(2, 0, 2).withLastAttempted("upgrade"), null),
                Arguments.of("unlock continues", ReleaseAction.UNLOCK, DEFAULTS, ReleaseStatusView.EMPTY, null),
                Arguments.of("drift correction continues", ReleaseAction.CORRECT_DRIFT, DEFAULTS, ReleaseStatusView.EMPTY, null),
                Arguments.of("a rollback with retries left requeues", ReleaseAction.ROLLBACK_REMEDIATION, rollback,
                        failures(1, 0, 1).withLastAttempted("upgrade"), requeue),
                Arguments.of("a rollback that used the last retry stalls", ReleaseAction.ROLLBACK_REMEDIATION, rollback,
                        failures(2, 0, 2).withLastAttempted("upgrade"),
                        new Plan.Stalled(Reasons.RETRIES_EXCEEDED, "Failed to upgrade after 2 attempt(s)", StatusChanges.NONE)),
                Arguments.of("an uninstall after an upgrade requeues to reinstall", ReleaseAction.UNINSTALL_REMEDIATION, uninstall,
                        failures(2, 0, 2).withLastAttempted("upgrade"), requeue),
                Arguments.of("an uninstall after an install that used the last retry stalls", ReleaseAction.UNINSTALL_REMEDIATION,
                        DEFAULTS, failures(1, 1, 0).withLastAttempted("install"),
                        new Plan.Stalled(Reasons.RETRIES_EXCEEDED, "Failed to install after 1 attempt(s)", StatusChanges.NONE)),
                Arguments.of("a remediation under RetryOnFailure retries after the interval", ReleaseAction.UNINSTALL_REMEDIATION,
                        DEFAULTS.withInstall(Remediation.install(0), Duration.ofSeconds(90)), failures(1, 1, 0).withLastAttempted("install"),
                        new Plan.RetryAfter(Duration.ofSeconds(90), StatusChanges.NONE)),
                Arguments.of("a remediation with no attempt recorded requeues", ReleaseAction.ROLLBACK_REMEDIATION, DEFAULTS,
                        ReleaseStatusView.EMPTY, requeue));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void afterRun(String name, ReleaseAction ran, ReleaseOptions options, ReleaseStatusView status, Plan want) {
        assertThat(ReleasePlanner.afterRun(ran, options, status)).isEqualTo(java.util.Optional.ofNullable(want));
    }

    @Test
    void afterErrorRetriesOrFails() {
        assertThat(ReleasePlanner.afterError(ReleaseAction.UPGRADE, DEFAULTS.withUpgrade(Remediation.upgrade(0), Duration.ofMinutes(5)),
                failures(0, 0, 0).withLastAttempted("upgrade"), "boom")).isEqualTo(new Plan.RetryAfter(Duration.ofMinutes(5), StatusChanges.NONE));
        ReleaseStatusView ready = ReleaseStatusView.EMPTY.withConditions(new ConditionsView(true, true, Reasons.UPGRADE_SUCCEEDED, false));
        assertThat(ReleasePlanner.afterError(ReleaseAction.TEST, DEFAULTS, ready, "boom")).isEqualTo(new Plan.Failed(Reasons.RECONCILE_ERROR,
                "test: boom", StatusChanges.NONE.with(ConditionChange.set(ConditionTypes.READY, false, Reasons.RECONCILE_ERROR, "boom"))));
        assertThat(ReleasePlanner.afterError(ReleaseAction.TEST, DEFAULTS, ReleaseStatusView.EMPTY, "boom").changes())
                .isEqualTo(StatusChanges.NONE);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "300000, 5m0s",
        "60000, 1m0s",
        "30000, 30s",
        "3600000, 1h0m0s",
        "5400000, 1h30m0s",
        "1500, 1.5s",
        "500, 500ms",
        "0, 0s",
    })
    void retryMessagesPrintDurationsAsGo(long millis, String go) {
        assertThat(new Plan.RetryAfter(Duration.ofMillis(millis), StatusChanges.NONE).message()).isEqualTo("retrying after " + go);
    }

    private static ReleaseStatusView failures(long failures, long install, long upgrade) {
        return ReleaseStatusView.EMPTY.withCounters(new FailureCounters(failures, install, upgrade));
    }
}
