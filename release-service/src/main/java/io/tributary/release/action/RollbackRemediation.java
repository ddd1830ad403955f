package io.tributary.release.action;

import io.tributary.api.helm.HelmReleaseSpec;
import io.tributary.api.meta.ConditionTypes;
import io.tributary.api.meta.Reasons;
import io.tributary.release.plan.FailureCounters;
import io.tributary.release.plan.ReleaseAction;
import io.tributary.release.plan.ReleaseHistory;
import io.tributary.release.plan.Snapshot;

/**
 * helm-controller's {@code RollbackRemediation}: rolls a failed upgrade back to the previous good release in history,
 * as a new revision ("Rollback to N").
 */
public final class RollbackRemediation implements ActionReconciler {

    private final ReleaseToolkit kit;

    public RollbackRemediation(ReleaseToolkit kit) {
        this.kit = kit;
    }

    @Override
    public ReleaseAction action() {
        return ReleaseAction.ROLLBACK_REMEDIATION;
    }

    @Override
    public void reconcile(ReleaseRequest req) throws ActionError, InterruptedException {
        var status = req.status();
        boolean ignoreTests = req.options().upgrade().remediation().mustIgnoreTestFailures(req.options().testIgnoreFailures());
        Snapshot prev = ReleaseHistory.of(status.history).previous(ignoreTests)
                .orElseThrow(() -> new ActionError("no previous release to roll back to"));
        HelmReleaseSpec.Rollback spec = req.spec().rollback == null ? new HelmReleaseSpec.Rollback() : req.spec().rollback;
        var options = new HelmDeploy.Options(req.timeout("spec.rollback.timeout", spec.timeout), Boolean.TRUE.equals(spec.disableHooks),
                Boolean.TRUE.equals(spec.disableWait), !Boolean.TRUE.equals(spec.disableWaitForJobs),
                HelmDeploy.Options.mode(spec.serverSideApply), Boolean.TRUE.equals(spec.force), null);
        ObservedReleases observed = new ObservedReleases();
        HelmDeploy.Result result;
        try {
            result = new HelmDeploy(kit).rollback(req, observed, options, (int) prev.version());
        } finally {
            observed.recordOnObject(status, req.releaseNamespace(), "rollback", true);
        }
        if (result.failed()) {
            String message = "Helm rollback to previous release " + prev.fullReleaseName() + " with chart " + prev.versionedChartName()
                    + " failed: " + result.error().trim();
            StatusEdits.mark(req, ConditionTypes.REMEDIATED, false, Reasons.ROLLBACK_FAILED, message);
            StatusEdits.counters(status, FailureCounters.of(status).withFailure());
            kit.events.warning(req.object(), Reasons.ROLLBACK_FAILED, message, prev.chartVersion());
            return;
        }
        String message = "Helm rollback to previous release " + prev.fullReleaseName() + " with chart " + prev.versionedChartName()
                + " succeeded";
        StatusEdits.mark(req, ConditionTypes.REMEDIATED, true, Reasons.ROLLBACK_SUCCEEDED, message);
        kit.events.normal(req.object(), Reasons.ROLLBACK_SUCCEEDED, message, prev.chartVersion());
    }
}
