package io.tributary.release.plan;

import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import java.time.Duration;
import java.util.Optional;

/** The per-state rules of helm-controller's {@code actionForState} that take more than one line. */
final class StateRules {

    private StateRules() {
    }

    /** Conditions after an optional Remediated-to-Released swap, and the change that made it. */
    record Swapped(StatusChanges changes, ConditionsView conditions) {
    }

    static Plan inSync(ReleaseOptions options, ReleaseStatusView status, boolean force) {
        String attempted = status.lastAttemptedReleaseAction();
        // keep the previous good release so that a later test failure can still roll back to it
        ReleaseHistory history = options.activeRetry(attempted).isPresent()
                ? status.history().truncatedIgnoringPrevious()
                : status.history().truncated(options.ignoresTestFailures(attempted));
        StatusChanges changes = StatusChanges.history(history);
        if (force) {
            return ReleasePlanner.run(ReleaseAction.UPGRADE, "forcing upgrade for in-sync release", ReleasePlanner.FORCE_REQUESTED,
                    changes);
        }
        Swapped swapped = remediatedToReleased(history, status.conditions(), changes);
        changes = swapped.changes();
        ConditionsView conditions = swapped.conditions();
        if (!conditions.ready() || !conditions.released()) {
            String succeeded = succeededReason(conditions.releasedReason());
            if (succeeded != null) {
                changes = changes.with(ConditionChange.set(ConditionTypes.RELEASED, true, succeeded,
                        successMessage(succeeded, history.latest())));
            }
        }
        if (options.driftMode().detectsChanges()) {
            changes = changes.with(ConditionChange.set(ConditionTypes.DRIFTED, false, Reasons.NO_DRIFT_DETECTED,
                    "No drift detected against the cluster state"));
        }
        return new Plan.Done(changes);
    }

    /**
     * A release that already matches the desired chart and values after a rollback remediation counts as upgraded:
     * Remediated=True gives way to Released=True UpgradeSucceeded.
     */
    static Swapped remediatedToReleased(ReleaseHistory history, ConditionsView conditions, StatusChanges changes) {
        if (!conditions.remediated()) {
            return new Swapped(changes, conditions);
        }
        ConditionChange released = new ConditionChange(ConditionTypes.RELEASED, true, Reasons.UPGRADE_SUCCEEDED,
                successMessage(Reasons.UPGRADE_SUCCEEDED, history.latest()), ConditionTypes.REMEDIATED);
        return new Swapped(changes.with(released), conditions.withoutRemediated().withReleased(true, Reasons.UPGRADE_SUCCEEDED));
    }

    /** Install (Absent) or upgrade (OutOfSync), unless that action's retries are exhausted and no force asks for it. */
    static Plan releaseUnlessExhausted(ReleaseAction action, ReleaseOptions options, ReleaseStatusView status, boolean force,
            String message, String reason) {
        Remediation remediation = options.policy(Remediation.Kind.of(action)).remediation();
        if (!remediation.retriesExhausted(status.counters())) {
            return ReleasePlanner.run(action, message, reason, StatusChanges.NONE);
        }
        if (force) {
            return ReleasePlanner.run(action, "forcing " + action.actionName() + " while out of retries",
                    ReleasePlanner.FORCE_REQUESTED, StatusChanges.NONE);
        }
        return exceeded(options, status, remediation);
    }

    /** @param summary the drift found, one line an object (the Drifted state's reason) */
    static Plan drifted(ReleaseOptions options, ReleaseStatusView status, String summary) {
        String release = status.history().latest().map(Snapshot::fullReleaseName).orElse("");
        StatusChanges changes = StatusChanges.NONE.with(ConditionChange.set(ConditionTypes.DRIFTED, true, Reasons.DRIFT_DETECTED,
                ClusterDrift.driftedMessage(release, summary)));
        if (options.driftMode() == ReleaseOptions.DriftMode.ENABLED) {
            return new Plan.Run(ReleaseAction.CORRECT_DRIFT, "detected changes in cluster state", changes);
        }
        return new Plan.Done(changes);
    }

    static Plan failed(ReleaseOptions options, ReleaseStatusView status, ReleaseStorageView storage, boolean force) {
        String attempted = status.lastAttemptedReleaseAction();
        Optional<Duration> retry = options.activeRetry(attempted);
        // RetryOnFailure behaves as a forced upgrade with no retries left to count
        if (retry.isPresent()) {
            return new Plan.Run(ReleaseAction.UPGRADE, "retrying upgrade for failed release",
                    StatusChanges.history(status.history().truncatedIgnoringPrevious()));
        }
        Remediation remediation = options.activeRemediation(attempted);
        if (remediation == null) {
            return new Plan.Run(ReleaseAction.UPGRADE, "no active remediation strategy", StatusChanges.NONE);
        }
        // no failure counted: the chart or values changed since the failure, so try again
        if (remediation.failureCount(status.counters()) <= 0) {
            return new Plan.Run(ReleaseAction.UPGRADE, "release conditions have changed since last failure", StatusChanges.NONE);
        }
        if (force) {
            return ReleasePlanner.run(ReleaseAction.UPGRADE, "forcing upgrade for failed release", ReleasePlanner.FORCE_REQUESTED,
                    StatusChanges.NONE);
        }
        if (remediation.retriesExhausted(status.counters()) && !remediation.mustRemediateLastFailure()) {
            return exceeded(options, status, remediation);
        }
        boolean ignoreTests = remediation.mustIgnoreTestFailures(options.testIgnoreFailures());
        ReleaseHistory history = status.history().truncated(ignoreTests);
        StatusChanges changes = StatusChanges.history(history);
        return switch (remediation.effectiveStrategy()) {
            case Remediation.ROLLBACK -> rollback(history.previous(ignoreTests), storage, changes);
            case Remediation.UNINSTALL -> new Plan.Run(ReleaseAction.UNINSTALL_REMEDIATION, "remediating failed release", changes);
            default -> new Plan.Failed(Reasons.RECONCILIATION_FAILED,
                    "unknown remediation strategy: " + remediation.effectiveStrategy(), changes);
        };
    }

    /** Roll back only to a release still in storage as it was recorded; a missing or altered one is upgraded past. */
    private static Plan rollback(Optional<Snapshot> previous, ReleaseStorageView storage, StatusChanges changes) {
        if (previous.isEmpty()) {
            return new Plan.Stalled(Reasons.MISSING_ROLLBACK_TARGET,
                    "Failed to perform remediation: missing target release for rollback: cannot remediate failed release", changes);
        }
        Snapshot target = previous.get();
        Optional<StoredRelease> stored = storage.version(target.name(), target.version());
        String unverifiable = "unable to verify previous release in storage to roll back to";
        if (stored.isEmpty()) {
            return ReleasePlanner.run(ReleaseAction.UPGRADE, unverifiable, "release disappeared from storage", changes);
        }
        ReleaseVerification.Result verified = ReleaseVerification.verifyObject(target, stored.get());
        if (verified != ReleaseVerification.Result.VERIFIED) {
            return ReleasePlanner.run(ReleaseAction.UPGRADE, unverifiable, verified.message(), changes);
        }
        return new Plan.Run(ReleaseAction.ROLLBACK_REMEDIATION, "remediating failed release by rolling back to "
                + target.fullReleaseName(), changes);
    }

    /** Stalled, counting the attempts as helm-controller does: those of the active remediation, if any. */
    private static Plan exceeded(ReleaseOptions options, ReleaseStatusView status, Remediation checked) {
        Remediation active = options.activeRemediation(status.lastAttemptedReleaseAction());
        return new Plan.Stalled(Reasons.RETRIES_EXCEEDED, ReleasePlanner.attempts(status, active == null ? checked : active),
                StatusChanges.NONE);
    }

    private static String succeededReason(String releasedReason) {
        if (Reasons.INSTALL_FAILED.equals(releasedReason)) {
            return Reasons.INSTALL_SUCCEEDED;
        }
        if (Reasons.UPGRADE_FAILED.equals(releasedReason)) {
            return Reasons.UPGRADE_SUCCEEDED;
        }
        return null;
    }

    /** helm-controller's fmtInstallSuccess / fmtUpgradeSuccess. */
    static String successMessage(String reason, Optional<Snapshot> latest) {
        String verb = Reasons.INSTALL_SUCCEEDED.equals(reason) ? "install" : "upgrade";
        return "Helm " + verb + " succeeded for release " + latest.map(Snapshot::fullReleaseName).orElse("") + " with chart "
                + latest.map(Snapshot::versionedChartName).orElse("");
    }
}
